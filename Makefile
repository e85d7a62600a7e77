# GoMikroBot for Java. `make help` lists the targets.
# Every Java step runs on a JDK 25+, found by scripts/find-jdk.sh (JAVA_HOME, then /usr/lib/jvm/*25*).

SHELL := /bin/bash
JDK := $(shell scripts/find-jdk.sh 2>/dev/null)
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
MVN := mvn -B -ntp
JAR := target/gomikrobot.jar
JAVA := $(JDK)/bin/java
PREFIX ?= /usr/local

.PHONY: help jdk build run rerun install aot test jbang-smoke bench release-patch release-minor release-major \
        docker-build docker-up docker-down docker-logs clean

help: ## Show all targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

jdk:
	@scripts/find-jdk.sh >/dev/null

build: jdk ## Build target/gomikrobot.jar (tests skipped; `make test` runs them)
	$(MVN) -q -DskipTests package
	@ls -l $(JAR)

run: build ## Build and run the gateway (API :18790, dashboard :18791) with the launcher's JVM options
	@$(JAVA) -jar $(JAR) install --prefix target/run >/dev/null
	target/run/bin/gomikrobot gateway

rerun: jdk ## Stop a leftover gomikrobot on ports 18790/18791, rebuild, run
	scripts/free-ports.sh 18790 18791
	$(MAKE) run

install: aot ## Install the jar, its AOT cache and a `gomikrobot` launcher under PREFIX (default /usr/local)
	$(JAVA) -jar $(JAR) install --prefix $(PREFIX)

aot: build ## Train the AOT cache (used by the installed launcher; by hand: java -XX:AOTCache=target/gomikrobot.aot --enable-native-access=ALL-UNNAMED -jar target/gomikrobot.jar)
	scripts/aot-train.sh

test: jdk ## Run every test (unit, integration, browser), then the JBang script once
	$(MVN) verify
	scripts/jbang-smoke.sh

jbang-smoke: jdk ## Run scripts/gomikrobot.java once with JBang (jbang-cli from Maven Central)
	scripts/jbang-smoke.sh

bench: aot ## Run the benchmarks and print their figures (BENCH=name for one)
	$(MVN) -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	$(JAVA) --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$$(cat target/bench.classpath)" gomikrobot.bench.Benchmarks

release-patch: ## Bump the patch version, tag, build
	scripts/release.sh patch
release-minor: ## Bump the minor version, tag, build
	scripts/release.sh minor
release-major: ## Bump the major version, tag, build
	scripts/release.sh major

docker-build: ## Build the Docker image gomikrobot:local
	docker build -t gomikrobot:local .

docker-up: docker-build ## Start with docker compose (WORK_REPO_PATH defaults to ~/GoMikroBot-Workspace)
	WORK_REPO_PATH=$${WORK_REPO_PATH:-$$HOME/GoMikroBot-Workspace} SYSTEM_REPO_PATH=$${SYSTEM_REPO_PATH:-$$PWD} docker compose up -d

docker-down: ## Stop docker compose
	docker compose down

docker-logs: ## Follow docker compose logs
	docker compose logs -f

clean: ## Remove build output
	rm -rf target
