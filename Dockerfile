# oneatlas-gateway: the compiled gateway on Node 20, as a non-root user.
# Stages: `build` compiles src/ to dist/ (TypeScript is a dev dependency), `deps` installs the
# production dependencies only, `runtime` gets both and nothing else (no sources, tests or compilers).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt one matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464 \
    GATEWAY_DATA_DIR=/var/lib/oneatlas-gateway
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The embedded (SQLite) journal's folder; with DATABASE_URL it stays empty. Mount a volume on it.
RUN mkdir -p /var/lib/oneatlas-gateway && chown node:node /var/lib/oneatlas-gateway
VOLUME /var/lib/oneatlas-gateway
# The image's own unprivileged user (uid 1000).
USER node
EXPOSE 4000 9464
# Liveness only: /healthz answers while the process does, whatever the stores (readiness is /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# main.ts drains in-flight requests on SIGTERM, then closes the journal; node runs as PID 1 (exec
# form, no shell in between), so the signal reaches it. The V8 flags are npm start's: an 8 MB young
# generation instead of up to 16 MB per semi-space, and old-space growth of 1.5x the live heap between
# full collections instead of up to 4x, which keep peak memory steady at about 120 MB under load for
# the same CPU (docs/performance.md).
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/main.js"]
