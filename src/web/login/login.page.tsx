import type { Language } from '../../staff/staff.models';
import { loginMessages } from './login.i18n';

export interface LoginView {
  language: Language;
  csrfToken: string;
  /** Where to go once signed in. */
  next: string;
  phone?: string;
  /** A code was asked for: the code form comes first. */
  codeSent?: boolean;
  error?: string | null;
  signedOut?: boolean;
}

/** The one page without a session: a code by SMS for staff, or an API token. */
export function LoginPage(view: LoginView) {
  const t = loginMessages(view.language);
  const other: Language = view.language === 'zh-CN' ? 'en' : 'zh-CN';
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={view.csrfToken} />
      <input type="hidden" name="next" value={view.next} />
      <input type="hidden" name="language" value={view.language} />
    </>
  );
  return (
    <html lang={view.language === 'zh-CN' ? 'zh-Hans' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('title')} · Dutyline`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main id="main" class="login">
          <p>
            <a
              href={`/console/login?lang=${other}&next=${encodeURIComponent(view.next)}`}
              lang={other === 'zh-CN' ? 'zh-Hans' : 'en'}
            >
              {t('otherLanguage')}
            </a>
          </p>
          <h1>{t('title')}</h1>
          <p class="muted">{t('intro')}</p>
          {view.signedOut ? (
            <p class="notice notice-done" role="status">
              {t('signedOut')}
            </p>
          ) : null}
          {view.error ? (
            <p class="notice notice-error" role="alert">
              {view.error}
            </p>
          ) : null}
          {view.codeSent ? (
            <p class="notice notice-done" role="status">
              {t('codeSent')}
            </p>
          ) : null}
          <section class="card" aria-labelledby="by-code">
            <h2 id="by-code">{view.codeSent ? t('signIn') : t('sendCode')}</h2>
            <form method="post" action={view.codeSent ? '/console/login/verify' : '/console/login/code'}>
              {hidden}
              <div class="field">
                <label for="phone">{t('phone')}</label>
                <input
                  id="phone"
                  name="phone"
                  type="tel"
                  autocomplete="tel"
                  required
                  value={view.phone ?? ''}
                  aria-describedby="phone-hint"
                />
                <p class="hint" id="phone-hint">
                  {t('phoneHint')}
                </p>
              </div>
              {view.codeSent ? (
                <div class="field">
                  <label for="code">{t('code')}</label>
                  <input
                    id="code"
                    name="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9]{6}"
                    required
                  />
                </div>
              ) : null}
              <button type="submit">{view.codeSent ? t('signIn') : t('sendCode')}</button>
            </form>
          </section>
          <section class="card" aria-labelledby="by-token">
            <h2 id="by-token">{t('withToken')}</h2>
            <form method="post" action="/console/login/token">
              {hidden}
              <div class="field">
                <label for="token">{t('token')}</label>
                <input
                  id="token"
                  name="token"
                  type="password"
                  autocomplete="off"
                  required
                  aria-describedby="token-hint"
                />
                <p class="hint" id="token-hint">
                  {t('tokenHint')}
                </p>
              </div>
              <button type="submit" class="secondary">
                {t('signIn')}
              </button>
            </form>
          </section>
        </main>
      </body>
    </html>
  );
}
