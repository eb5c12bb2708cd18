# issuegraph's image: built from this checkout, Boot's layered layout in /app, run as a non-root user,
# with JDK 25's AOT cache from a training run against a throwaway MariaDB. docs/operations.md#container-image
# describes it; CI builds and runs it with .ci/image.sh.
#
#   docker build -t issuegraph .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=… -e ISSUEGRAPH_IDENTITY_JWT_SECRET=… issuegraph
#
# One JRE image for training and for running: the AOT cache is only used by the JVM that made it.
# Pinned to a release (docs/operations.md#pinned-images: how to pin a digest, e.g. --build-arg JRE_IMAGE=…@sha256:…).
ARG JDK_IMAGE=eclipse-temurin:25.0.3_9-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25.0.3_9-jre-noble

# ---- build: the jar, and its layered extraction ---------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY config/ config/
COPY schema/ schema/
COPY src/main/ src/main/
# the tests run in CI (./mvnw verify), not in the image build, which has no database for them
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -Dmaven.test.skip=true package
COPY deploy/container/extract.sh deploy/container/
RUN deploy/container/extract.sh target/issuegraph.jar /build/layers

# ---- training: the AOT cache, from a run that serves the web page's operations ---------------------
FROM ${JRE_IMAGE} AS training
# longer records more of the request path; the image build takes that much longer
ARG TRAINING_SECONDS=30
# the distribution's MariaDB of the day, unpinned: it only serves the training run
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends mariadb-server \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# the layout the image runs, in the order the runtime stage copies it
COPY --from=build /build/layers/dependencies/ ./
COPY --from=build /build/layers/spring-boot-loader/ ./
COPY --from=build /build/layers/snapshot-dependencies/ ./
COPY --from=build /build/layers/application/ ./
COPY deploy/container/start.sh deploy/container/probe.sh ./
COPY deploy/container/ /training/
# the JDK of the build stage runs the training driver (a source file; the JRE has no compiler)
RUN --mount=type=bind,from=build,source=/opt/java/openjdk,target=/opt/jdk \
    TRAINING_DRIVER_JAVA=/opt/jdk/bin/java /training/train-aot.sh /app --local-mariadb --seconds "$TRAINING_SECONDS" \
    && rm /app/training.log

# ---- the image ----------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 issuegraph \
    && useradd --system --uid 10001 --gid issuegraph --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin issuegraph
WORKDIR /app
# From the training stage, so the jars are the very files the cache was made with. Dependencies first:
# they change least, so a rebuild with new classes only replaces the layers below them.
COPY --from=training /app/lib/ lib/
COPY --from=training /app/issuegraph.jar /app/start.sh /app/probe.sh ./
COPY --from=training /app/issuegraph.aot ./
# the JVM accepts the cache only for the very jars it was made with (their sizes and times): fail the
# build here, rather than start every container without it
RUN ISSUEGRAPH_AOT=check /app/start.sh
USER 10001:10001
EXPOSE 8080
# graceful shutdown (server.shutdown=graceful): on SIGTERM requests in flight finish, live updates end
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/app/probe.sh", "readiness"]
ENTRYPOINT ["/app/start.sh"]
