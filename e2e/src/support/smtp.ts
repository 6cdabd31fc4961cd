// The test SMTP server is the API integration tests' own helper (smtp-server and mailparser, no Nest or jest in
// it), shared with the browser tests as the OpenID provider is: one sink, not two drifting copies.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { type ReceivedMail, SmtpSink } from '../../../api/test/support/smtp-sink';
