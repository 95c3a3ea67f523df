# syntax=docker/dockerfile:1
#
# One image for every role: the HTTP API, the job worker, the scheduler and the CLI
# (`node dist/src/cli/main.js migrate`). CORRIDOR_ROLES chooses what a container runs.
#
#   docker build -t corridor .

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: Node plus the npm version the project uses -------------------------------------------
# package.json "allowScripts" (which install scripts may run: @swc/core yes; @scarf/scarf,
# msgpackr-extract, @parcel/watcher no) is honoured only by npm 11; Node 20 images ship npm 10,
# which would run every install script.
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN --mount=type=cache,target=/root/.npm \
    npm install --global "npm@${NPM_VERSION}"
WORKDIR /app

# ---- build: all dependencies, compile src/ and migrations/ to dist/ with swc, and the staff
# console (console/, Vite; its API types generated from docs/openapi.json) to dist/console ---------
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY .swcrc ./
COPY scripts ./scripts
COPY migrations ./migrations
COPY src ./src
COPY console ./console
COPY docs/openapi.json ./docs/openapi.json
RUN node scripts/build.mjs

# ---- prod-deps: production dependencies only ----------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Owned by root and not writable by the process: the service writes nothing to its own files.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The launcher: per-role V8 heap limits (API_HEAP_MB for api/scheduler, WORKER_HEAP_MB for the
# worker role: --max-old-space-size) and API_PROCESSES api processes behind one port (README).
COPY scripts/launch.mjs ./scripts/launch.mjs
ENV API_HEAP_MB=192 \
    WORKER_HEAP_MB=768
# The `node` user (uid 1000) comes with the official image.
USER node
EXPOSE 3000
# Liveness of the `api` role. Containers without it (worker, scheduler, migrate) serve no HTTP:
# turn the check off for them (docker-compose.yml does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/launch.mjs"]
