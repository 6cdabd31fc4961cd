# Reference image for Upstand (docs/operations.md, "Container image"). Not tested as an image: these machines have
# no container runtime. Each step is one the tests run: npm install and npm run build, then npm install --omit=dev
# in dist/ (the production-build test), and node api/main.js with its health endpoints.

# --- build: the whole toolchain, thrown away afterwards -------------------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# npm install, not npm ci: the registry lacks other platforms' optional binaries the lock file names.
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build
WORKDIR /src/dist
# Runtime packages only, at the versions the build was tested with; no embedded PostgreSQL (an external one is
# required here: DATABASE_URL).
RUN npm install --omit=dev --omit=optional --no-audit --no-fund

# --- run: Node and the built release, nothing else -----------------------------------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /opt/upstand
COPY --from=build --chown=root:root /src/dist ./
# The image's unprivileged user; the release is owned by root, so the app cannot change its own code.
USER node
EXPOSE 3000
# Liveness only (restart when the process stops answering). Readiness, /api/health/ready, is for the proxy or
# orchestrator deciding whether to send traffic.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are a release step: run `node api/migrate.js` once (compose.yaml's migrate service) before starting.
CMD ["node", "api/main.js"]
