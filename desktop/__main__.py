"""The command line: `speech-coach app|analyze|listen|devices|config`.

Every problem a user can fix ends as one sentence on stderr and exit status 2; a traceback
means a bug. Ctrl-C ends a command with one sentence and status 130; a reader that closes the
pipe ends it silently with status 141, a full disk with one sentence and status 2
(desktop/cli/streams.py).
"""

import argparse
import os
import sys
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.cli.streams import OutputFailed, guarded_output, settle_failed_output
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.coaching.settings import Policy


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speech-coach",
        description="Offline speech coach: tempo, pauses and words from your microphone.",
    )
    parser.add_argument("--version", action="version", version=f"speech-coach {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    app = commands.add_parser("app", help="start the tray coach (the app agents use)")
    app.add_argument("--device", help="input device name or number (see `devices`)")
    app.add_argument("--model", metavar="DIR", help="vosk model folder")
    app.add_argument("--config", metavar="FILE", help="supervisor configuration file")

    analyze = commands.add_parser("analyze", help="analyse recordings (wav, flac, ogg)")
    analyze.add_argument("files", nargs="+", metavar="FILE")
    analyze.add_argument("--model", metavar="DIR", help="vosk model folder")
    analyze.add_argument("--json", action="store_true", help="print JSON Lines")
    analyze.add_argument(
        "--realtime", action="store_true", help="replay at real-time pace, as if live"
    )
    analyze.add_argument(
        "--channels",
        metavar="SIDES",
        help="each FILE is a call, one side per channel: 'agent,customer' or 'customer,agent'",
    )
    analyze.add_argument(
        "--customer", metavar="FILE", help="the customer's side of the call, as a second file"
    )
    analyze.add_argument("--config", metavar="FILE", help="supervisor configuration file")

    listen = commands.add_parser("listen", help="analyse the microphone live until Ctrl-C")
    listen.add_argument("--device", help="input device name or number (see `devices`)")
    listen.add_argument("--model", metavar="DIR", help="vosk model folder")
    listen.add_argument("--json", action="store_true", help="print JSON Lines")
    listen.add_argument("--config", metavar="FILE", help="supervisor configuration file")

    commands.add_parser("devices", help="list input devices")

    summary = commands.add_parser("summary", help="figures and feedback of the last shift")
    which = summary.add_mutually_exclusive_group()
    which.add_argument("--shift", type=int, metavar="ID", help="this shift instead of the last")
    which.add_argument("--list", action="store_true", help="list the recorded shifts")
    summary.add_argument("--csv", metavar="FILE", help="also export the shift's figures and cues")
    summary.add_argument("--pdf", metavar="FILE", help="also write the shift's one-page report")
    summary.add_argument("--config", metavar="FILE", help="supervisor configuration file")

    config = commands.add_parser("config", help="check or print the supervisor configuration")
    actions = config.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate a supervisor file (exit 1 if invalid)")
    check.add_argument("file", metavar="FILE")
    default = actions.add_parser("default", help="print the commented default file")
    default.add_argument(
        "--language",
        choices=("nl", "en"),
        help="language of the comments (default: nl when the system language is Dutch)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if not argv and getattr(sys, "frozen", False):
        argv = ["app"]  # the bundle started by a double-click, the macOS .app or autostart
    if sys.stderr is None:  # the windowed program on Windows has no console
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    with guarded_output():
        try:
            try:
                args = build_parser().parse_args(argv)
            except SystemExit:  # --help, --version or a usage error, already printed
                sys.stdout.flush()
                raise
            try:
                status = _run(args)
                sys.stdout.flush()  # a full disk shows here, not in Python's flush at exit
                return status
            except UserError as error:
                print(error, file=sys.stderr)
                return error.exit_status
            except KeyboardInterrupt:
                print("Stopped by Ctrl-C.", file=sys.stderr)
                return 130
        except OutputFailed as failure:
            return settle_failed_output(failure)


def _run(args: argparse.Namespace) -> int:
    # Imports are per command so `devices` does not load vosk and `--help` stays instant.
    if args.command == "app":
        from desktop.app import run_app

        return run_app(args.device, args.model, args.config)
    if args.command == "analyze":
        from desktop.cli.analyze import analyze

        return analyze(
            args.files,
            args.model,
            args.json,
            args.realtime,
            _policy(args.config),
            args.channels,
            args.customer,
        )
    if args.command == "listen":
        from desktop.cli.listen import listen

        return listen(args.device, args.model, args.json, _policy(args.config))
    if args.command == "summary":
        from desktop.cli.summary import summary

        return summary(args.shift, args.csv, args.list, _policy(args.config), pdf_path=args.pdf)
    if args.command == "config":
        from desktop.cli.config_cmd import check, print_default

        if args.config_command == "check":
            return check(args.file)
        return print_default(args.language)
    from desktop.audio.devices import format_device_table, list_input_devices

    print(format_device_table(list_input_devices()))
    return 0


def _policy(config_path: str | None) -> "Policy":
    """The supervisor's policy: --config, SPEECH_COACH_CONFIG, or the system and user files;
    the defaults when there are none. Warnings go to stderr; errors raise ConfigError."""
    import os

    from desktop.config import load_configured_policy

    result = load_configured_policy(config_path, os.environ)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return result.policy


if __name__ == "__main__":
    sys.exit(main())
