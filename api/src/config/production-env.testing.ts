/** For specs: the least a NODE_ENV=production start accepts (app-config refuses the quiet fallbacks). */
export const MINIMAL_PRODUCTION_ENV = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/upstand',
  PUBLIC_BASE_URL: 'https://upstand.example.nhs.uk',
  SMTP_URL: 'smtp://mail.example.nhs.uk:587',
  MFA_ENCRYPTION_KEY: 'k'.repeat(32),
} as const;
