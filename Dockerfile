# Uplift: one image for every role (UPLIFT_ROLES=api,collector | ingest | all).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 LOG_FORMAT=json
COPY --from=build /app /app
EXPOSE 8080
CMD ["node", "-r", "./tools/register.cjs", "apps/api/src/main.ts"]
