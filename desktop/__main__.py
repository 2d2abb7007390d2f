"""The command line: `speech-coach analyze|listen|devices`.

Every problem a user can fix ends as one sentence on stderr and exit status 2; a traceback
means a bug.
"""

import argparse
import sys

from desktop import __version__
from desktop.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speech-coach",
        description="Offline speech coach: tempo, pauses and words from your microphone.",
    )
    parser.add_argument("--version", action="version", version=f"speech-coach {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse recordings (wav, flac, ogg)")
    analyze.add_argument("files", nargs="+", metavar="FILE")
    analyze.add_argument("--model", metavar="DIR", help="vosk model folder")
    analyze.add_argument("--json", action="store_true", help="print JSON Lines")
    analyze.add_argument(
        "--realtime", action="store_true", help="replay at real-time pace, as if live"
    )

    listen = commands.add_parser("listen", help="analyse the microphone live until Ctrl-C")
    listen.add_argument("--device", help="input device name or number (see `devices`)")
    listen.add_argument("--model", metavar="DIR", help="vosk model folder")
    listen.add_argument("--json", action="store_true", help="print JSON Lines")

    commands.add_parser("devices", help="list input devices")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        print(error, file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    # Imports are per command so `devices` does not load vosk and `--help` stays instant.
    if args.command == "analyze":
        from desktop.cli.analyze import analyze

        return analyze(args.files, args.model, args.json, args.realtime)
    if args.command == "listen":
        from desktop.cli.listen import listen

        return listen(args.device, args.model, args.json)
    from desktop.audio.devices import format_device_table, list_input_devices

    print(format_device_table(list_input_devices()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
