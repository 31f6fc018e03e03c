import type { Language } from '../../staff/staff.models';
import { commonMessages } from '../i18n/common.i18n';

/** A page instead of a JSON error: what went wrong, in the reader's language, and a way back. */
export function ErrorPage({ language, status, code }: { language: Language; status: number; code: string }) {
  const t = commonMessages(language);
  const text =
    code === 'console.csrf'
      ? t('error.csrf')
      : status === 404
        ? t('error.notFound')
        : status === 403
          ? t('error.forbidden')
          : status >= 500
            ? t('error.internal')
            : null;
  return (
    <html lang={language === 'zh-CN' ? 'zh-Hans' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('error.title')} · Dutyline`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main id="main" class="login">
          <h1>{t('error.title')}</h1>
          <p class="notice notice-error" role="alert">
            {text ?? code}
          </p>
          <p>
            <a href="/console">{t('error.back')}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
