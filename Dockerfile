# GoMikroBot for Java in a container: build the jar with Maven on JDK 25, cut a Java runtime down to the
# modules the jar uses (jlink, on Alpine so it matches the musl base image), install the jar with the launcher
# `gomikrobot install` writes (its JVM defaults for a small always-on service; GOMIKROBOT_JAVA_OPTS adds or
# overrides options, e.g. -Xmx512m), run as a non-root user.
#   docker build -t gomikrobot:local .        (or: make docker-build)
#   docker compose up -d                      (see docker-compose.yml for the variables it needs)

# ---- 1. build the jar ----
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
# dependencies first: this layer stays cached until pom.xml changes
RUN mvn -B -q -ntp dependency:go-offline
COPY src ./src
COPY web ./web
RUN mvn -B -q -ntp -DskipTests package && cp target/gomikrobot.jar /gomikrobot.jar

# ---- 2. a small Java runtime with only the modules the jar needs; the jar and its launcher ----
# (this image's own JDK lives in /opt/java/openjdk, so the runtime is made in /opt/jre and copied to /opt/java)
FROM eclipse-temurin:25-jdk-alpine AS runtime
COPY --from=build /gomikrobot.jar /gomikrobot.jar
RUN modules="$(jdeps --ignore-missing-deps --multi-release 25 --print-module-deps /gomikrobot.jar)" \
 && echo "jlink modules: $modules" \
 && jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
          --output /opt/jre \
 && java -jar /gomikrobot.jar install --prefix /opt/gomikrobot

# ---- 3. the image ----
FROM alpine:3.22
# git: the work repo and the dashboard's repository panel; ca-certificates: HTTPS to the LLM provider
RUN apk add --no-cache ca-certificates git \
 && adduser -D -u 10001 -h /home/gomikrobot gomikrobot
COPY --from=runtime /opt/jre /opt/java
COPY --from=runtime /opt/gomikrobot /opt/gomikrobot

ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:$PATH \
    GOMIKROBOT_HOME=/home/gomikrobot/.gomikrobot \
    MIKROBOT_HOST=0.0.0.0
# Listening on 0.0.0.0 inside the container is what makes the published ports reachable. The gateway refuses
# to start that way without a token: set MIKROBOT_GATEWAY_AUTH_TOKEN (docker-compose.yml requires it).

USER gomikrobot
WORKDIR /home/gomikrobot
EXPOSE 18790 18791
ENTRYPOINT ["/opt/gomikrobot/bin/gomikrobot"]
CMD ["gateway"]
