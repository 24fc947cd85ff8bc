"""Administration of identity: ``python -m cers_identity.entrypoints.admin <command>``.

    create-officer --username U --first-name F --last-name L --email E --telephone T
                   [--provider gckey] [--time-zone America/Toronto] [--language en]
                   [--password-from FILE]   (default -: one line of standard input)
    rotate-keys    make a new token-signing key active now
    publish-terms  --en FILE --fr FILE   publish the next version of the terms
    disable-user   URN --reason TEXT

Works on the database of ``CERS_DATABASE_URL`` (default: the local runtime's); messages go to
the outbox and the running service's relay publishes them. Prints one JSON line; refusals go
to standard error with their codes and exit with status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from cers_chassis.db import create_engine, session_factory
from cers_identity.config import IdentitySettings
from cers_identity.domain.errors import RefusedError
from cers_identity.domain.providers import Provider
from cers_identity.service_layer import administration, terms, tokens
from cers_identity.service_layer.context import IdentityContext, build_context

Command = Callable[[IdentityContext, argparse.Namespace], Awaitable[dict[str, Any]]]


async def _create_officer(context: IdentityContext, args: argparse.Namespace) -> dict[str, Any]:
    profile = {
        "first_name": args.first_name,
        "last_name": args.last_name,
        "email": args.email,
        "telephone": args.telephone,
        "time_zone": args.time_zone,
        "language": args.language,
    }
    user = await administration.create_officer(
        context, Provider(args.provider), args.username, args.password_from, profile
    )
    return {"user_id": user.id, "urn": user.urn, "officer": True}


async def _rotate_keys(context: IdentityContext, args: argparse.Namespace) -> dict[str, Any]:
    return {"active_kid": await tokens.rotate_signing_key(context)}


async def _publish_terms(context: IdentityContext, args: argparse.Namespace) -> dict[str, Any]:
    published = await terms.publish_terms(context, args.en, args.fr)
    return {"version": published.version}


async def _disable_user(context: IdentityContext, args: argparse.Namespace) -> dict[str, Any]:
    user = await administration.disable_user(context, args.urn, args.reason)
    return {"user_id": user.id, "urn": user.urn, "disabled": True}


def _text_of(path: str) -> str:
    """The content of the file at ``path`` (read while parsing, before the event loop runs)."""
    return Path(path).read_text("utf-8")


def _secret_line(path: str) -> str:
    """The first line of ``path``, or of standard input for ``-`` (never a command argument)."""
    line = sys.stdin.readline() if path == "-" else _text_of(path).partition("\n")[0]
    return line.rstrip("\r\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cers_identity.entrypoints.admin")
    commands = parser.add_subparsers(dest="command", required=True)
    officer = commands.add_parser("create-officer", help="create a CBSA officer user")
    officer.add_argument("--provider", choices=[p.value for p in Provider], default="gckey")
    officer.add_argument("--username", required=True)
    officer.add_argument("--first-name", required=True)
    officer.add_argument("--last-name", required=True)
    officer.add_argument("--email", required=True)
    officer.add_argument("--telephone", required=True)
    officer.add_argument("--time-zone", default="America/Toronto")
    officer.add_argument("--language", choices=["en", "fr"], default="en")
    officer.add_argument("--password-from", default="-", type=_secret_line, metavar="FILE")
    officer.set_defaults(run=_create_officer)
    rotate = commands.add_parser("rotate-keys", help="make a new token-signing key active")
    rotate.set_defaults(run=_rotate_keys)
    publish = commands.add_parser("publish-terms", help="publish a new version of the terms")
    publish.add_argument("--en", required=True, type=_text_of, help="file: English text")
    publish.add_argument("--fr", required=True, type=_text_of, help="file: French text")
    publish.set_defaults(run=_publish_terms)
    disable = commands.add_parser("disable-user", help="disable a user (by URN)")
    disable.add_argument("urn")
    disable.add_argument("--reason", required=True)
    disable.set_defaults(run=_disable_user)
    return parser


async def run(args: argparse.Namespace, settings: IdentitySettings) -> dict[str, Any]:
    """Run the parsed command against the database of ``settings``."""
    if not settings.database_url:
        raise SystemExit("CERS_DATABASE_URL is not set")
    engine = create_engine(settings.database_url, pool_size=1)
    context = build_context(settings, session_factory(engine))
    try:
        command: Command = args.run
        return await command(context, args)
    finally:
        await context.aclose()
        await engine.dispose()


def main(argv: list[str] | None = None, settings: IdentitySettings | None = None) -> int:
    """Command-line entry point."""
    args = _parser().parse_args(argv)
    try:
        result = asyncio.run(run(args, settings or IdentitySettings()))
    except RefusedError as error:
        problems = [
            {"pointer": p.pointer, "code": p.code, "message": p.message} for p in error.problems
        ]
        print(json.dumps({"errors": problems}), file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
