"""The `workshop-app` command: no sub-command opens the window; sub-commands work on the store without Qt."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_app import __version__
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import require_id

if TYPE_CHECKING:
    from workshop_app.core.ports import UnitOfWorkFactory
    from workshop_app.store.database import Store

EXIT_OK = 0
EXIT_CRASH = 1
EXIT_ERROR = 2
EXIT_BROKEN = 1
"""`verify`: the audit chain is broken (an entry was altered or removed)."""

Handler = Callable[[argparse.Namespace], int]

NO_DISPLAY = (
    "No display found: run workshop-app from a desktop session, "
    "or under a virtual display with `xvfb-run workshop-app`."
)
DISPLAY_PLATFORMS = {"xcb", "wayland", "wayland-egl", ""}


@dataclass(frozen=True)
class Arg:
    """One argparse argument of a sub-command: its flags and keyword options."""

    flags: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


def arg(*flags: str, **options: Any) -> Arg:
    """Describe one sub-command argument, as parser.add_argument(*flags, **options) would take it."""
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    """A sub-command: its one-line help, its arguments and the function that runs it."""

    help: str
    args: tuple[Arg, ...]
    handler: Handler


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *args: Arg) -> Callable[[Handler], Handler]:
    """Register a sub-command handler under a name; the handler returns the exit code."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Command(help, args, handler)
        return handler

    return register


WORKSHOP_ID = arg("id", type=int, metavar="ID", help="the workshop id, as `workshop-app list` shows it")
FORCE = arg("--force", action="store_true", help="replace the file (or CSV files) if they already exist")


def writes_workshop(formats: tuple[str, ...], format_help: str, metavar: str, out_help: str) -> tuple[Arg, ...]:
    """The arguments of a command that writes one workshop out: its id, --out, --format (the first is the default)
    and --force."""
    return (WORKSHOP_ID, arg("--out", required=True, type=Path, metavar=metavar, help=out_help),
            arg("--format", choices=formats, default=formats[0], help=format_help),
            FORCE)


@contextmanager
def opened_store(args: argparse.Namespace, create: bool = False) -> Iterator[Store]:
    """Open (and migrate) the store named by --db, or the default one, and close it afterwards.

    Only commands that add to the store create it; the others refuse a store that does not exist.
    """
    from workshop_app.store.database import open_store

    store = open_store(args.db, create=create or args.db is None)
    try:
        yield store
    finally:
        store.close()


def protected_stores(store: Store) -> list[Path]:
    """Return the store files no --out may replace: the open store and the default one."""
    from workshop_app import paths

    return [p for p in (store.path, paths.default_db_path()) if p is not None]


def out_file(args: argparse.Namespace, store: Store) -> Path:
    """Return the checked --out file: never a store or SQLite file, an existing file only with --force."""
    from workshop_app import files

    return files.check_file(Path(args.out), force=args.force, protect=protected_stores(store))


def _one_line(text: str) -> str:
    """Return text with tabs and line breaks turned into single spaces, for tab-separated output."""
    return " ".join(text.split())


@command("list", "list the workshops in the store: id, date, status, title (tab separated)")
def list_workshops(args: argparse.Namespace) -> int:
    """Print one tab-separated line per workshop (straight from the file when it needs no migration: no ORM)."""
    from workshop_app.store.quick_list import store_file, workshops_in_file

    workshops = workshops_in_file(store_file(args.db))
    if workshops is None:
        from workshop_app.core.model import Workshop

        with opened_store(args) as store:
            with store.reader() as uow:
                workshops = uow.repo(Workshop).list()
    for workshop in workshops:
        fields = [str(workshop.id), workshop.date.isoformat(), str(workshop.status), _one_line(workshop.title)]
        print("\t".join(fields))
    return EXIT_OK


@command(
    "backup",
    "write a consistent copy of the store to FILE (safe while the app is running)",
    arg("--out", required=True, type=Path, metavar="FILE", help="where to write the copy"),
    FORCE,
)
def backup(args: argparse.Namespace) -> int:
    """Copy the store to --out and say where it went."""
    with opened_store(args) as store:
        out = store.backup(out_file(args, store), force=args.force)
    print(f"Backup written to {out}")
    return EXIT_OK


@command(
    "import",
    "add a workshop from a JSON interchange file, with new ids; prints the new workshop id",
    arg("file", type=Path, metavar="FILE", help="a workshop file written by `workshop-app export`"),
    arg("--allow-duplicate", action="store_true",
        help="add a second copy of a workshop the store already holds (same fingerprint)"),
)
def import_workshop(args: argparse.Namespace) -> int:
    """Check the file, add its workshop in one transaction and print the new id (nothing is written on error)."""
    from workshop_app.export.json_export import import_json

    with opened_store(args, create=True) as store:
        # planned: the rows are built before the write lock, which is then held only for one short commit
        new_id = import_json(store.planned, Path(args.file).expanduser(), allow_duplicate=args.allow_duplicate)
    print(new_id)
    return EXIT_OK


@command(
    "export",
    "write a workshop as JSON (--out FILE.json) or as open-data CSV files (--format csv --out DIR)",
    *writes_workshop(("json", "csv"), "json (default) or csv", "PATH", "the JSON file, or the folder for CSV files"),
)
def export_workshop(args: argparse.Namespace) -> int:
    """Write the workshop's JSON file or CSV folder and say where it went."""
    from workshop_app import files
    from workshop_app.export.csv_export import FILES, export_csv
    from workshop_app.export.json_export import export_json

    with opened_store(args) as store:
        if args.format == "csv":
            out = files.check_folder(Path(args.out), FILES, force=args.force, protect=protected_stores(store))
            written = export_csv(store, args.id, out)
            print(f"{len(written)} CSV files written to {out}")
        else:
            out = out_file(args, store)
            export_json(store, args.id, out)
            print(f"Workshop {args.id} written to {out}")
    return EXIT_OK


@command(
    "charter",
    "write the workshop's partnership charter as a PDF, a web page or a Word document (--out FILE)",
    *writes_workshop(("pdf", "html", "docx"),
                     "pdf to sign and print (the default), html to publish, docx to finish in Word",
                     "FILE", "where to write the charter"),
)
def charter(args: argparse.Namespace) -> int:
    """Write the charter in the chosen format and say where it went."""
    from workshop_app.export.charter_formats import write_charter_as

    with opened_store(args) as store:
        out = write_charter_as(store, args.id, out_file(args, store), args.format)
    print(f"Charter of workshop {args.id} written to {out}")
    return EXIT_OK


DEFAULT_EXAMPLE = "northside-leisure"


def demo_file(name: str = DEFAULT_EXAMPLE) -> Path:
    """The example workshop `demo` opens: sessions/examples/NAME.json (one sentence naming the others if none)."""
    from workshop_app import paths

    folder = paths.bundled_plans_dir() / "examples"
    found = folder / f"{name}.json"
    if name != DEFAULT_EXAMPLE and (found.parent != folder or not found.is_file()):
        known = ", ".join(sorted(p.stem for p in folder.glob("*.json"))) or "none"
        raise WorkshopError(f"There is no example called {name!r}; choose one of: {known}.")
    return found


def demo_workshop(uow_factory: UnitOfWorkFactory, source: Path, at_review: bool = True) -> int:
    """Import the example once (reusing a workshop with its title and partnership) and put it at charter review
    (or, with at_review False, leave it at the stage it was saved at)."""
    import json

    from workshop_app.core import stage_progress
    from workshop_app.core.changes import perform, read
    from workshop_app.core.plans import StageKind
    from workshop_app.core.stored_plans import plan_of
    from workshop_app.core.workshops import list_workshops
    from workshop_app.export.json_export import import_json

    try:
        header = json.loads(source.read_text(encoding="utf-8"))["workshop"]
    except (OSError, ValueError, KeyError, TypeError):
        raise WorkshopError(f"The demo workshop file {source} is missing or damaged; reinstall the app.") from None
    same = [w for w in read(uow_factory, list_workshops)
            if (w.title, w.partnership) == (header.get("title"), header.get("partnership"))]
    workshop_id = min(require_id(w) for w in same) if same else import_json(uow_factory, source, allow_duplicate=True)
    if not at_review:
        return workshop_id
    workshop = next(w for w in read(uow_factory, list_workshops) if w.id == workshop_id)
    stages = read(uow_factory, plan_of, workshop).stages
    review = next(i for i, stage in enumerate(stages) if stage.kind == StageKind.CHARTER_REVIEW)
    if perform(uow_factory, stage_progress.resume, workshop_id).value.stage_index != review:
        perform(uow_factory, stage_progress.go_to_stage, workshop_id, review, len(stages), stages[review].title)
    return workshop_id


@command("demo", "open the example workshop (imported once) in the window at its charter review stage",
         arg("--example", default=DEFAULT_EXAMPLE, metavar="NAME",
             help="another example from sessions/examples/ (e.g. eastbank-wellbeing-large, 60 people in 8 groups), "
                  "opened at the stage it was saved at"))
def demo(args: argparse.Namespace) -> int:
    """Check for a display, make sure the example is in the store, then open the window on it."""
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ERROR
    with opened_store(args, create=True) as store:
        workshop_id = demo_workshop(store, demo_file(args.example), args.example == DEFAULT_EXAMPLE)
    from workshop_app import logs

    logs.install_crash_handler()
    from workshop_app.ui.app import run_gui

    return run_gui(args.db, [sys.argv[0]], workshop_id)


@command(
    "verify",
    "check a workshop's record against its audit log: exit 0 when it is whole, 1 naming what was changed",
    WORKSHOP_ID,
)
def verify(args: argparse.Namespace) -> int:
    """Check the workshop's log, its data against the log, and the database; print its fingerprint (as the charter)."""
    from workshop_app.core.changes import read
    from workshop_app.core.integrity import check_record
    from workshop_app.core.workshop_record import read_record
    from workshop_app.export.charter_pdf import FINGERPRINT_LENGTH

    with opened_store(args) as store:
        verdict = check_record(read(store, read_record, args.id))
        problems = [*verdict.problems, *store.database_problems()]
    if not problems:
        older = (f"; {verdict.unfingerprinted} rows written before this version of the app are vouched for by the "
                 "log alone" if verdict.unfingerprinted else "")
        print(f"Workshop {args.id}: the record is whole ({verdict.count} entries; "
              f"fingerprint {verdict.head[:FINGERPRINT_LENGTH]}{older})")
        return EXIT_OK
    extra = len(problems) - 1
    more = f" (and {extra} more problem{'s' if extra > 1 else ''}, below)" if extra else ""
    print(f"Workshop {args.id}: the record is NOT whole. {problems[0]}{more}")
    for problem in problems[1:10]:
        print(f"  {problem}")
    return EXIT_BROKEN


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Return the sentence to show when a window cannot open here (Linux without a display), else None."""
    if not platform.startswith("linux"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    requested = [item.split(":")[0].strip() for item in environ.get("QT_QPA_PLATFORM", "").split(";")]
    if any(name not in DISPLAY_PLATFORMS for name in requested):
        return None  # offscreen, minimal, vnc, eglfs, linuxfb...: no display server needed
    return NO_DISPLAY


def open_gui(args: argparse.Namespace, argv: list[str]) -> int:
    """Open the facilitator's window (the only path that imports Qt)."""
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ERROR
    from workshop_app import logs

    logs.install_crash_handler()
    try:
        from workshop_app.ui.app import run_gui
    except ImportError as error:
        print(
            f"The window cannot start because a library is missing ({error}); "
            "run `make run` from the project folder to install what it needs.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return run_gui(args.db, [sys.argv[0], *argv])


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser: global --db and --version, and one sub-parser per registered command."""
    db_help = "the store: a file path or a SQLAlchemy URL (default: the file in your data folder)"
    parser = argparse.ArgumentParser(
        prog="workshop-app",
        description="Run changemaking partnership workshops offline. With no sub-command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"workshop-app {__version__}")
    parser.add_argument("--db", metavar="TARGET", default=None, help=db_help)
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", metavar="TARGET", default=argparse.SUPPRESS, help=db_help)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, spec in COMMANDS.items():
        sub = subparsers.add_parser(name, help=spec.help, description=spec.help, parents=[shared])
        for item in spec.args:
            sub.add_argument(*item.flags, **item.options)
    return parser


def run(argv: list[str]) -> int:
    """Parse argv and run the chosen sub-command (or open the window); errors for people become exit 2."""
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return open_gui(args, argv)
        return COMMANDS[args.command].handler(args)
    except WorkshopError as error:
        print(_one_line(str(error)), file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # a bug: keep the traceback in the log, give the person one line
        from workshop_app import logs

        path = logs.record_crash(type(error), error, error.__traceback__)
        logs.print_crash(logs.summarize(error), path)
        return EXIT_CRASH


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (argparse's own exits become return values)."""
    try:
        return run(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as done:
        if done.code is None:
            return EXIT_OK
        return done.code if isinstance(done.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        return 130
