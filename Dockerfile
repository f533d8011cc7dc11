# HumasSaaS API image: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
#   docker build -t humassaas-api:dev .
# Ports: 8080 HTTP (health: /health/live, /health/ready), 11111 Orleans silo-to-silo, 30000 Orleans gateway.
# Configuration comes from environment variables only (ConnectionStrings__App, ConnectionStrings__Owner, Blob__*,
# Clamd__Endpoint (required: the malware scanner, e.g. tcp://127.0.0.1:3310), Orleans__ClusterId, Orleans__ServiceId, Orleans__SiloPort, Orleans__GatewayPort, Orleans__AdvertisedIP, ...).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet restore src/HumasSaaS.Api/HumasSaaS.Api.csproj
RUN dotnet publish src/HumasSaaS.Api/HumasSaaS.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
EXPOSE 8080 11111 30000
# The image's unprivileged 'app' user (uid 1654); the app files stay owned by root, so it cannot rewrite them.
USER $APP_UID
# SIGTERM (docker stop, Container Apps scale-in) lets in-flight requests finish; give it the host's shutdown timeout.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "HumasSaaS.Api.dll"]
