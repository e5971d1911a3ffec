# syntax=docker/dockerfile:1
# The relay as an image: the built relay with the widget and console it serves, production
# dependencies only. One image for both setups in docs/deploy.md: a single node on the embedded
# SQLite (mount /data), or any number of nodes on Postgres + Redis (DATABASE_URL, REDIS_URL).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.json tsconfig.base.json ./
COPY packages ./packages
# Workspace members the lockfile names; only their manifests are needed to install.
COPY bench/package.json bench/package.json
COPY tests/package.json tests/package.json
RUN npx -y pnpm@10.34.8 install --frozen-lockfile
# The relay and what it depends on (shared, widget, console), in dependency order.
RUN npx -y pnpm@10.34.8 --filter "@eyelevel/relay..." run build
# Again with production dependencies only: the build tools (vite, typescript) stay behind.
RUN rm -rf node_modules packages/*/node_modules \
  && npx -y pnpm@10.34.8 install --prod --frozen-lockfile --filter "@eyelevel/relay..."

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    EYELEVEL_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
# Ready means the node can reach its database and so can accept sends (docs/deploy.md).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "packages/relay/dist/cli.js"]
CMD ["start"]
