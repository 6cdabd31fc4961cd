// The test OpenID provider (oidc-provider in a child process) is the API integration tests' own helper, written to
// be shared with the browser tests (no Nest or jest in it): one provider setup, not two drifting copies. It is not
// a library, so the module-boundary rule has no tag to allow it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { startOidcProvider, type TestOidcProvider } from '../../../api/test/support/oidc';
