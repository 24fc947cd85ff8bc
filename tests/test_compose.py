"""docker-compose.yml stays in step with the services, their settings and the local runtime.

No Docker engine is needed: these tests only read files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cers_chassis.settings import ServiceSettings
from tests.fixtures.services import SERVICE_DIRS, settings_class

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
INIT_SQL = ROOT / "deploy" / "docker" / "postgres-init.sql"
LOCAL_ENV = ROOT / "deploy" / "local" / "env.sh"


def _compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(document, dict)
    return document


def _service(name: str) -> dict[str, Any]:
    services = _compose()["services"]
    assert name in services, f"service {name!r} is missing from docker-compose.yml"
    service = services[name]
    assert isinstance(service, dict)
    return service


def _environment(service: dict[str, Any]) -> dict[str, str]:
    """A compose service's environment, written either as a mapping or as a list of KEY=VALUE."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def _default(settings: type[ServiceSettings], field: str) -> Any:
    return settings.model_fields[field].default


def _local_services() -> list[str]:
    match = re.search(r'^CERS_SERVICES="\$\{CERS_SERVICES:-([^}]*)\}"', LOCAL_ENV.read_text(), re.M)
    assert match, "CERS_SERVICES default not found in deploy/local/env.sh"
    return match.group(1).split()


def test_service_folders_are_found() -> None:
    assert "gateway" in SERVICE_DIRS
    assert len(SERVICE_DIRS) >= 6


@pytest.mark.parametrize("service", SERVICE_DIRS)
def test_every_service_folder_is_a_compose_service(service: str) -> None:
    compose_service = _service(service)
    build = compose_service["build"]
    assert build["args"]["SERVICE"] == service
    assert (ROOT / build["context"] / build["dockerfile"]).is_file()
    assert "healthcheck" in compose_service


@pytest.mark.parametrize("service", SERVICE_DIRS)
def test_service_env_uses_only_its_settings_keys(service: str) -> None:
    settings = settings_class(service)
    allowed = {f"CERS_{field.upper()}" for field in settings.model_fields}
    env = _environment(_service(service))
    unknown = sorted(set(env) - allowed)
    assert not unknown, f"{service}: not settings of {settings.__name__}: {unknown}"
    required = {"CERS_KAFKA_BOOTSTRAP", "CERS_HTTP_PORT"}
    if _default(settings, "database_url") is not None:
        required.add("CERS_DATABASE_URL")
    missing = sorted(required - set(env))
    assert not missing, f"{service}: missing {missing}"


@pytest.mark.parametrize("service", SERVICE_DIRS)
def test_service_port_and_database_match_its_settings(service: str) -> None:
    settings = settings_class(service)
    compose_service = _service(service)
    env = _environment(compose_service)
    port = _default(settings, "http_port")
    assert env["CERS_HTTP_PORT"] == str(port)
    command = compose_service["command"]
    command_line = command if isinstance(command, str) else " ".join(command)
    assert f"cers-serve {service}" in command_line  # binds CERS_HTTP_HOST:CERS_HTTP_PORT
    if _default(settings, "database_url") is None:
        assert "CERS_DATABASE_URL" not in env
        assert "postgres" not in compose_service.get("depends_on", {})
    else:
        assert env["CERS_DATABASE_URL"].endswith(f"://{service}:{service}@postgres:5432/{service}")
        assert f"cers-migrate {service} &&" in command_line
        assert compose_service["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_gateway_reaches_every_other_service() -> None:
    urls = json.loads(_environment(_service("gateway"))["CERS_SERVICE_URLS"])
    others = [service for service in SERVICE_DIRS if service != "gateway"]
    assert sorted(urls) == others
    for service in others:
        port = _environment(_service(service))["CERS_HTTP_PORT"]
        assert urls[service] == f"http://{service}:{port}"


def test_init_sql_creates_the_local_runtimes_roles_and_databases() -> None:
    sql = INIT_SQL.read_text()
    roles = re.findall(r"CREATE ROLE \"?(\w+)\"? LOGIN PASSWORD '(\w+)'", sql)
    databases = re.findall(r"CREATE DATABASE \"?(\w+)\"? OWNER \"?(\w+)\"?", sql)
    expected = sorted(_local_services())
    assert sorted(role for role, _ in roles) == expected
    assert all(role == password for role, password in roles)
    assert sorted(database for database, _ in databases) == expected
    assert all(database == owner for database, owner in databases)


def test_init_sql_is_mounted_into_postgres() -> None:
    postgres = _service("postgres")
    assert postgres["image"] == "postgres:15"
    mounts = dict(volume.split(":")[:2] for volume in postgres["volumes"])
    targets = [target for source, target in mounts.items() if (ROOT / source).resolve() == INIT_SQL]
    assert len(targets) == 1
    assert targets[0].startswith("/docker-entrypoint-initdb.d/")


def test_kafka_is_a_single_kraft_node_of_3_9() -> None:
    kafka = _service("kafka")
    assert re.fullmatch(r"apache/kafka:3\.9\.\d+", kafka["image"])
    env = _environment(kafka)
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"
    assert env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] == "1"


def test_services_wait_for_provisioned_topics() -> None:
    assert _service("provision-topics")["command"][0] == "provision-topics"
    for service in SERVICE_DIRS:
        depends_on = _service(service)["depends_on"]
        assert depends_on["kafka"]["condition"] == "service_healthy"
        assert depends_on["provision-topics"]["condition"] == "service_completed_successfully"
