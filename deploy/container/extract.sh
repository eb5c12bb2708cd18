#!/usr/bin/env bash
# Boot's layered extraction of the jar, as the image is built from it (Dockerfile, build stage) and as CI
# CI builds it (.ci/image.sh):
#
#   deploy/container/extract.sh JAR DESTINATION
#
# DESTINATION/<layer>/ for each layer of the jar's layers.idx (dependencies, spring-boot-loader,
# snapshot-dependencies, application), each holding its part of one layout: issuegraph.jar with lib/
# beside it, which the image copies into /app layer by layer (so a new build that changes only our own
# classes changes only the last, small layer). That layout, not the fat jar, is what JDK 25's AOT cache
# works with. No --launcher: the jar then starts with a plain classpath, the same at training and at run.
set -euo pipefail
jar="${1:?usage: $0 JAR DESTINATION}"
destination="${2:?usage: $0 JAR DESTINATION}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -Djarmode=tools -jar "$jar" extract --layers --destination "$destination" --application-filename issuegraph.jar
