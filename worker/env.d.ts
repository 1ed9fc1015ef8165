// Secrets (from .dev.vars locally, `wrangler secret put` in production): not in wrangler.toml, so declared here.
declare namespace Cloudflare {
  interface Env {
    /** Bootstrap admin token (local development and first setup). */
    MAILGATE_ADMIN_TOKEN?: string;
    /** HMAC key of reply and VERP tokens; a second, older key may follow after a space during rotation. */
    REPLY_TOKEN_SECRET?: string;
    /** Web origins allowed to call the API besides the extension's (comma-separated); a wrangler.toml var. */
    MAILGATE_CORS_ORIGINS?: string;
    /** ARC sealers (`d=`) whose preserved verdict is trusted (comma-separated, RFC 8617 7.2); a wrangler.toml var. */
    MAILGATE_TRUSTED_ARC_SEALERS?: string;
    /** Absolute base URL of this worker (`https://mailgate.example.com`): attachment download links start with it. */
    MAILGATE_PUBLIC_URL?: string;
    /** DNS-over-HTTPS endpoint (JSON API) for DNS reports; Cloudflare's by default. */
    MAILGATE_DOH_URL?: string;
    /**
     * Destination addresses verified in the Cloudflare account (comma-separated; a wrangler.toml var): the only
     * addresses forward() can reach, so the only followers a reply is forwarded to.
     */
    MAILGATE_VERIFIED_DESTINATIONS?: string;
    /** Each step of the SMTP connection test waits at most this many milliseconds (8000 by default). */
    MAILGATE_SMTP_TEST_STEP_TIMEOUT_MS?: string;
    /** The cron probe's alert thresholds: deliveries owed (default 100), dead deliveries + failed messages in 24 h (default 10). */
    MAILGATE_ALERT_BACKLOG?: string;
    MAILGATE_ALERT_FAILED?: string;
    /**
     * D1 bindings besides DB that may hold domains' data (comma-separated binding names, e.g. `DATA_EU DATA_2`): the
     * directory in DB (domain_placements) names one of these per moved domain. Each must carry the same migrations.
     */
    MAILGATE_DATA_BINDINGS?: string;
    /** Test-only: migrations handed to the vitest setup file. */
    TEST_MIGRATIONS?: import('@cloudflare/vitest-plugin').D1Migration[];
  }
}
