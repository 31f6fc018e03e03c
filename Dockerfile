# Dutyline: build once, run the compiled JavaScript as an unprivileged user.
# docker build -t dutyline . && docker run -p 3000:3000 -v dutyline-db:/app/db --env-file .env dutyline

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
# The migrations are TypeScript modules that the build bundles into dist/.
COPY db/migrations ./db/migrations
# npm ci runs the prepare script, which builds dist/.
RUN npm ci --no-audit --no-fund
# Keep only what runs in production; better-sqlite3 keeps the binary built above.
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_PATH=/app/db/dutyline.sqlite
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY flows ./flows
RUN mkdir -p /app/db && chown node:node /app/db
USER node
EXPOSE 3000
VOLUME ["/app/db"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM ends requests and jobs gracefully (within 15 s).
STOPSIGNAL SIGTERM
# As `npm start` runs it: a bounded heap keeps the resident memory of a busy server under 150 MB.
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/main.mjs"]
