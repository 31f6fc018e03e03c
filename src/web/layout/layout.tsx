import type { ComponentChildren } from 'preact';
import { isSupervisor, type PageContext } from '../web.context';

interface NavItem {
  href: string;
  label: Parameters<PageContext['t']>[0];
  supervisorOnly: boolean;
}

const NAV: NavItem[] = [
  { href: '/console', label: 'nav.today', supervisorOnly: true },
  { href: '/console/my', label: 'nav.my', supervisorOnly: false },
  { href: '/console/cases', label: 'nav.cases', supervisorOnly: true },
  { href: '/console/duty-gaps', label: 'nav.dutyGaps', supervisorOnly: true },
  { href: '/console/roster', label: 'nav.roster', supervisorOnly: false },
  { href: '/console/kpis', label: 'nav.kpis', supervisorOnly: true },
  { href: '/console/reports/hotspots', label: 'nav.hotspots', supervisorOnly: true },
  { href: '/console/reports/staff', label: 'nav.staffAppraisal', supervisorOnly: true },
  { href: '/console/campaigns', label: 'nav.campaigns', supervisorOnly: true },
  { href: '/console/petitions', label: 'nav.petitions', supervisorOnly: true },
  { href: '/console/calls', label: 'nav.calls', supervisorOnly: true },
];

/** A hidden field with the session's form token: every form a page draws carries one. */
export function FormToken({ context }: { context: PageContext }) {
  return <input type="hidden" name="_csrf" value={context.csrfToken} />;
}

/** The frame of every signed-in page: banner, navigation for the person's role, main, footer. */
export function Layout({
  context,
  title,
  notice,
  children,
}: {
  context: PageContext;
  title: string;
  /** A line confirming what the last form did, or why it was refused. */
  notice?: { kind: 'done' | 'error'; text: string } | null;
  children: ComponentChildren;
}) {
  const { t, principal, viewer, language } = context;
  const items = NAV.filter((item) => !item.supervisorOnly || isSupervisor(principal));
  const current = (href: string) =>
    href === '/console' ? context.path === '/console' : context.path.startsWith(href);
  return (
    <html lang={language === 'zh-CN' ? 'zh-Hans' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('console')}`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skipToContent')}
        </a>
        <header class="banner">
          <span class="brand">
            {t('appName')} <span class="brand-sub">{t('console')}</span>
          </span>
          <nav aria-label={t('mainNavigation')} class="nav">
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="who">
            <span>{t('signedInAs', { name: viewer?.name ?? t('admin') })}</span>
            <span class="role">{t(`role.${principal.role}`)}</span>
            <form method="post" action="/console/language" class="inline">
              <FormToken context={context} />
              <input type="hidden" name="language" value={language === 'zh-CN' ? 'en' : 'zh-CN'} />
              <input type="hidden" name="back" value={context.path} />
              <button type="submit" class="link" lang={language === 'zh-CN' ? 'en' : 'zh-Hans'}>
                {t('otherLanguage')}
              </button>
            </form>
            <form method="post" action="/console/logout" class="inline">
              <FormToken context={context} />
              <button type="submit" class="link">
                {t('signOut')}
              </button>
            </form>
          </div>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {notice ? (
            <p class={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
              {notice.text}
            </p>
          ) : null}
          {children}
        </main>
        <footer class="footer">
          <p>{t('times', { zone: context.zone })}</p>
        </footer>
      </body>
    </html>
  );
}
