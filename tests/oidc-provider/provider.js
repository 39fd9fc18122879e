// A real OpenID Connect provider (panva's certified oidc-provider) for the sign-in tests, on loopback only.
// Usage: node provider.js <port> <the app's origin> <the API's audience> <client secret>
// Its own login page accepts any login and password; the login typed becomes the person's subject.
// Prints "listening <issuer>" once it accepts connections.
import Provider, { errors } from 'oidc-provider';

const [port, app, api, secret] = process.argv.slice(2);
if (!port || !app || !api || !secret) {
  console.error('usage: node provider.js <port> <app origin> <api audience> <client secret>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      // The web app: authorization code with PKCE, a confidential client as the README asks organisations to register.
      client_id: 'impactjournal-web',
      client_secret: secret,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${app}/signin-oidc`],
      post_logout_redirect_uris: [`${app}/signout-callback-oidc`],
    },
    {
      // A script calling the API with tokens of its own (the token's subject is the client).
      client_id: 'impactjournal-script',
      client_secret: secret,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  pkce: { required: () => true },
  cookies: { keys: [secret] },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    // Access tokens for the API are JWTs with the API as their audience (RFC 8707 resource indicators).
    resourceIndicators: {
      enabled: true,
      defaultResource: () => api,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== api) throw new errors.InvalidTarget();
        return { audience: api, scope: 'journal', accessTokenFormat: 'jwt', accessTokenTTL: 3600 };
      },
    },
    rpInitiatedLogout: { enabled: true },
  },
});

const server = provider.listen(Number(port), '127.0.0.1', () => console.log(`listening ${issuer}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
