"""The command line: scripted parsing, checking and briefing exports; errors are one Russian line, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import re
import sys
from pathlib import Path

import pandas as pd

from smolplan.briefing import KINDS
from smolplan.countries import country_name_ru
from smolplan.errors import PlanReadError
from smolplan.filters import FILTERS, FilterValueError, filters_from_texts
from smolplan.plan import Plan, load_plan
from smolplan.serialise import flat_events, json_events
from smolplan.text import without_control_chars
from smolplan.wording import count_of


def format_report(plan: Plan) -> str:
    lines = [f"План: {plan.name}", f"Мероприятий прочитано: {len(plan.events)}"]
    if plan.report.empty:
        lines.append("Все ячейки прочитаны.")
        return "\n".join(lines)
    lines.append(f"Прочитано не всё: {count_of(len(plan.report), 'замечание')}")
    for problem in plan.report.itertuples():
        where = f"строка {problem.row}"
        if not pd.isna(problem.n):
            where += f", № {problem.n}"
        text = f" Текст: «{problem.text}»" if problem.text else ""  # cut by the loader, with its length
        line = f"- {where}, колонка «{problem.column}»: {problem.message}.{text}"
        lines.append(without_control_chars(line, keep_newlines=False))  # no terminal escape from a cell
    return "\n".join(lines)


# argparse's own messages, in Russian (the rest of its text, --help included, stays as argparse writes it).
_ARGPARSE_RU = [
    (r"the following arguments are required: (.*)", r"не указаны обязательные аргументы: \1"),
    (r"unrecognized arguments: (.*)", r"неизвестные аргументы: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"аргумент \1: недопустимое значение \2 (возможны: \3)"),
    (r"argument (\S+): expected one argument", r"аргумент \1: нужно значение"),
    (r"argument (\S+): (.*)", r"аргумент \1: \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"неоднозначный ключ \1: подходят \2"),
]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one Russian line on stderr, exit code 2 (as argparse's own)."""

    def error(self, message: str):
        for pattern, russian in _ARGPARSE_RU:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, russian, message)
                break
        print(f"Ошибка в аргументах: {message}", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m smolplan", description="План международных мероприятий")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="вывести таблицу мероприятий")
    parse.add_argument("plan")
    parse.add_argument("--format", choices=["csv", "json"], default="csv")
    check = commands.add_parser("check", help="проверить план и вывести отчёт о чтении")
    check.add_argument("plan")
    export = commands.add_parser("export", help="выгрузить отобранные мероприятия (" + ", ".join(KINDS) + ")")
    export.add_argument("plan")
    export.add_argument("--format", dest="kind", choices=list(KINDS), required=True, help="вид файла")
    export.add_argument("--out", required=True, help="куда записать файл")
    for f in FILTERS:  # every filter of the app, under its URL key ("--country BY", "--from 2026-09-01")
        for flag in f.cli_flags():
            export.add_argument(f"--{flag}", dest=f"filter_{flag}", action="append", default=[], help=_HELP.get(flag, f.label), metavar="ЗНАЧЕНИЕ")
    export.add_argument("--today", type=_date, default=dt.date.today(), help=argparse.SUPPRESS)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ГГГГ-ММ-ДД") from None


_HELP = {
    "country": "страна-партнёр: код ISO (BY, KZ, …), CIS (страны СНГ) или название (Беларусь)",
    "sphere": "сфера, как в плане после «В сфере» (регистр и «В сфере» не важны)",
    "from": "начало периода, ГГГГ-ММ-ДД", "to": "конец периода, ГГГГ-ММ-ДД",
    "month": "месяц, ГГГГ-ММ", "place": "место проведения (Минск, Смоленск)",
    "where": "home (в России) или abroad (за рубежом)", "mode": "online (дистанционно) или in_person (очно)",
}


def _old_form_hint(argv: list[str]) -> str | None:
    """The export's earlier spelling ("--to xlsx", "--until ДАТА") answered with the new one."""
    for flag, value in zip(argv, argv[1:] + [""]):
        if flag == "--to" and value in KINDS:
            return f"«--to {value}» больше не задаёт формат: пишите «--format {value}»; --to только заканчивает период (ГГГГ-ММ-ДД)."
        if flag == "--until":
            return "«--until» больше нет: конец периода задаёт «--to ГГГГ-ММ-ДД», формат — «--format " + "|".join(KINDS) + "»."
    return None


def main(argv: list[str]) -> int:
    parser = _parser()
    if argv[:1] == ["export"] and (hint := _old_form_hint(argv)):
        parser.error(hint)
    args = parser.parse_args(argv)
    try:
        plan = load_plan(args.plan)
    except PlanReadError as error:
        print(error.message, file=sys.stderr)
        return 2
    except Exception as error:  # the contract: a one-line Russian message, never a traceback
        print(f"Не удалось прочитать план: {type(error).__name__}.", file=sys.stderr)
        return 2
    if args.command == "export":
        return _export(plan, args)
    if args.command == "parse":
        if args.format == "json":
            json.dump(json_events(plan.events), sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            flat_events(plan.events).to_csv(sys.stdout, index=False)
        return 0
    print(format_report(plan))
    return 0 if plan.report.empty else 1


_OS_ERRORS_RU = {
    errno.ENOENT: "нет такой папки", errno.EACCES: "нет прав на запись", errno.EPERM: "нет прав на запись",
    errno.EISDIR: "это папка, а не файл", errno.ENOSPC: "на диске нет места", errno.EROFS: "диск только для чтения",
}


def _export(plan: Plan, args) -> int:
    from smolplan.briefing import build_briefing
    from smolplan.images import ImageError

    typed = {flag: getattr(args, f"filter_{flag}") for f in FILTERS for flag in f.cli_flags()}
    try:
        filters = filters_from_texts(typed, plan.events)
    except FilterValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    partners = set().union(*plan.events["partner_countries"])
    absent = [country_name_ru(c) for c in filters.countries if c not in partners]
    if absent:
        print(f"Внимание: в плане нет мероприятий с участием: {', '.join(absent)}.", file=sys.stderr)
    try:
        briefing = build_briefing(args.kind, plan, filters, args.today)
        Path(args.out).write_bytes(briefing.data)
    except ImageError as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        reason = _OS_ERRORS_RU.get(error.errno, error.strerror or str(error))
        print(f"Не удалось записать «{args.out}»: {reason}.", file=sys.stderr)
        return 2
    except Exception as error:  # e.g. Chromium failing while drawing the memo's charts
        first_line = (str(error).strip().splitlines() or [""])[0]
        print(f"Не удалось подготовить файл: {type(error).__name__} {first_line}".rstrip() + ".", file=sys.stderr)
        return 2
    print(f"Записано: {args.out}")
    return 0
