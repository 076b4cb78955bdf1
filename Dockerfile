# syntax=docker/dockerfile:1
# Production image. The build stage installs everything and builds the SPAs and the server
# bundles; the runtime stage gets the built files and the server's production dependencies
# only. Nothing comes from the host's installs or builds (.dockerignore).

FROM node:20-bookworm-slim AS build
# The version in package.json's packageManager, so pnpm never fetches another one.
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
# The bundles inline the workspace packages; what stays external is apps/server's own
# dependencies. A fresh production install of just those (CI=true: no prompt).
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules \
  && CI=true pnpm install --frozen-lockfile --prod --filter @casino/server

FROM node:20-bookworm-slim
RUN npm install -g pnpm@10.34.9
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# package.json for `pnpm start` and `pnpm admin:create`; drizzle/ holds the migrations the
# server applies at start (found next to apps/, as the SPAs are); apps/server/node_modules
# links into node_modules/.pnpm.
COPY --from=build /app/package.json ./
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/apps/server/package.json ./apps/server/
COPY --from=build /app/apps/server/node_modules ./apps/server/node_modules
COPY --from=build /app/apps/server/dist ./apps/server/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/apps/admin/dist ./apps/admin/dist
USER node
EXPOSE 3000
# node itself is the main process, so `docker stop`'s SIGTERM reaches the server's shutdown.
# The old-space cap keeps V8 collecting instead of growing the heap to 4× what is live (the
# server's live heap is ~60 MB under the spin load, ~130 MB with 1,000 crash streams).
CMD ["node", "--max-old-space-size=192", "apps/server/dist/main.js"]
