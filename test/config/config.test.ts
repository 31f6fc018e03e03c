import { ConfigError, parseConfig } from '../../src/config';

describe('configuration', () => {
  it('defaults to offline mode on port 3000 with the embedded database', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      databasePath: 'db/dutyline.sqlite',
      offline: true,
      timezone: 'Asia/Shanghai',
      defaultLanguage: 'zh-CN',
      flowsDir: 'flows',
      logLevel: 'info',
      abandonedCallFloorSeconds: 5,
      gapSummaryTime: '08:00',
      shiftReminderMinutes: 60,
      apiRateLimits: { perTokenPerMinute: 1200, unauthenticatedPerMinute: 120 },
    });
  });

  it('takes the API rate limits per token and per unauthenticated address', () => {
    const config = parseConfig({
      API_RATE_LIMIT_PER_MINUTE: '300',
      API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '20',
    });
    expect(config.apiRateLimits).toEqual({ perTokenPerMinute: 300, unauthenticatedPerMinute: 20 });
  });

  it('goes online with credentials and a hotline number', () => {
    const config = parseConfig({
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_PHONE_NUMBER: '+8610012345',
      PUBLIC_BASE_URL: 'https://hotline.example.org/',
    });
    expect(config.offline).toBe(false);
    expect(config.publicBaseUrl).toBe('https://hotline.example.org');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_BASE_URL: 'hotline.example.org' }, 'PUBLIC_BASE_URL'],
    [{ HOTLINE_TIMEZONE: 'Mars/Olympus' }, 'HOTLINE_TIMEZONE'],
    [{ HOTLINE_DEFAULT_LANGUAGE: 'fr' }, 'HOTLINE_DEFAULT_LANGUAGE'],
    [{ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'x' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` }, 'TWILIO_AUTH_TOKEN'],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x' }, 'TWILIO_PHONE_NUMBER'],
    [{ TWILIO_PHONE_NUMBER: '010-1234' }, 'TWILIO_PHONE_NUMBER'],
    [{ TWILIO_API_BASE_URL: 'ftp://x' }, 'TWILIO_API_BASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ABANDONED_CALL_FLOOR_SECONDS: 'soon' }, 'ABANDONED_CALL_FLOOR_SECONDS'],
    [{ GAP_SUMMARY_TIME: '8am' }, 'GAP_SUMMARY_TIME'],
    [{ SHIFT_REMINDER_MINUTES: '0' }, 'SHIFT_REMINDER_MINUTES'],
    [{ API_RATE_LIMIT_PER_MINUTE: '0' }, 'API_RATE_LIMIT_PER_MINUTE'],
    [{ API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: 'lots' }, 'API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE'],
  ])('refuses %j with one line naming %s', (env, variable) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(variable);
    expect(message).not.toContain('\n');
  });
});
