# The image of a CERS service. Build context: the repository root.
#
# One parameterised Dockerfile instead of six near-identical copies: every service in
# docker-compose.yml builds it with its own SERVICE argument, so each service still gets its own
# image containing only its package and dependencies ("one Dockerfile per service" in intent).
#
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=identity -t cers-identity .
#
# SERVICE is a workspace member's short name: gateway, identity, accounts, documents, bulk,
# notifications, or contracts (an image with only the contracts package and its `provision-topics`
# command, used by the compose service of that name).

FROM python:3.11-slim AS build
ARG SERVICE
ARG UV_VERSION=0.13.9
RUN test -n "$SERVICE" || { echo "build with --build-arg SERVICE=<service>" >&2; exit 1; }
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never
WORKDIR /app
COPY . .
# Installs the service and the workspace packages it depends on (contracts, chassis) as wheels,
# at the versions of uv.lock, without the dev group.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --package "cers-${SERVICE}"

FROM python:3.11-slim
ARG SERVICE
ENV SERVICE=${SERVICE} \
    PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
# DejaVu fonts: the documents service's PDFs print French (and more) with them.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin cers
COPY --from=build /app/.venv /app/.venv
# The demo-data loader (docker-compose.yml runs it from the identity image) and the demo's CAED
# declarations (imported from the documents image): four small files.
COPY --from=build /app/deploy/__init__.py /app/deploy/__init__.py
COPY --from=build /app/deploy/local/__init__.py /app/deploy/local/demo_data.py \
     /app/deploy/local/demo_caed.jsonl /app/deploy/local/
WORKDIR /app
USER cers
# docker-compose.yml replaces this command (it runs `cers-migrate <service>` first where the
# service has a database).
ENV CERS_HTTP_HOST=0.0.0.0
CMD ["sh", "-c", "exec cers-serve \"${SERVICE}\""]
