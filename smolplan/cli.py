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

from smolplan.countries import CIS, FOREIGN_UNSPECIFIED, countries_named, country_index, country_name_ru
from smolplan.errors import PlanReadError
from smolplan.filters import Filters
from smolplan.text import fold
from smolplan.plan import Plan, load_plan
from smolplan.serialise import flat_events, json_events


def format_report(plan: Plan) -> str:
    lines = [f"План: {plan.name}", f"Мероприятий прочитано: {len(plan.events)}"]
    if plan.report.empty:
        lines.append("Все ячейки прочитаны.")
        return "\n".join(lines)
    lines.append(f"Не удалось полностью прочитать: {len(plan.report)}")
    for problem in plan.report.itertuples():
        where = f"строка {problem.row}"
        if not pd.isna(problem.n):
            where += f", № {problem.n}"
        text = f" Текст: «{problem.text}»" if problem.text else ""
        lines.append(f"- {where}, колонка «{problem.column}»: {problem.message}.{text}")
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
    export = commands.add_parser("export", help="выгрузить отобранные мероприятия (xlsx, docx, ics)")
    export.add_argument("plan")
    # "--to xlsx" names the format and "--to 2026-12-31" ends the period, as the brief writes both.
    export.add_argument("--to", dest="to_values", action="append", default=[], metavar="xlsx|docx|ics|ГГГГ-ММ-ДД")
    export.add_argument("--out", required=True, help="куда записать файл")
    export.add_argument("--country", action="append", default=[],
                        help="страна-партнёр: код ISO (BY, KZ, …), CIS (страны СНГ) или название (Беларусь)")
    export.add_argument("--sphere", action="append", default=[],
                        help="сфера, как в плане после «В сфере» (регистр и «В сфере» не важны)")
    export.add_argument("--from", dest="start", type=_date, help="начало периода, ГГГГ-ММ-ДД")
    export.add_argument("--until", dest="end", type=_date, help="конец периода, ГГГГ-ММ-ДД")
    export.add_argument("--today", type=_date, default=dt.date.today(), help=argparse.SUPPRESS)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ГГГГ-ММ-ДД") from None


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export":
        kinds = [v for v in args.to_values if v in ("xlsx", "docx", "ics")]
        dates = [v for v in args.to_values if v not in kinds]
        if len(kinds) != 1:
            parser.error("укажите формат ровно один раз: --to xlsx, --to docx или --to ics")
        args.kind = kinds[0]
        try:
            args.end = _date(dates[-1]) if dates else args.end
        except argparse.ArgumentTypeError as error:
            parser.error(str(error))
        if args.start and args.end and args.start > args.end:
            parser.error(f"начало периода {args.start:%d.%m.%Y} позже конца {args.end:%d.%m.%Y}")
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


def country_code(text: str) -> str | None:
    """ISO alpha-2 of a country as a user writes it: "BY", "by", "BLR", "Беларусь", "Республика Беларусь";
    also the group tokens CIS and FOREIGN_UNSPECIFIED. None when it names no known country."""
    index = country_index()
    word = text.strip()
    if word.upper() in (CIS, FOREIGN_UNSPECIFIED) or word.upper() in index.countries:
        return word.upper()
    by_iso3 = {c.iso3: c.iso2 for c in index.countries.values()}
    if word.upper() in by_iso3:
        return by_iso3[word.upper()]
    named = {iso2 for _, iso2 in countries_named(word)}
    return named.pop() if len(named) == 1 else None


def sphere_name(text: str, spheres: list[str]) -> str | None:
    """The plan's own spelling of a sphere given as "культуры и туризма" or "В сфере культуры и туризма"."""
    wanted = re.sub(r"^в сфере\s+", "", fold(text))
    return next((s for s in spheres if fold(s) == wanted), None)


def _export(plan: Plan, args) -> int:
    from smolplan.briefing import build_briefing
    from smolplan.images import ImageError

    codes = []
    for text in args.country:
        code = country_code(text)
        if code is None:
            print(f"Страна «{text}» не известна: укажите код ISO (BY, KZ, UZ…) или название.", file=sys.stderr)
            return 2
        codes.append(code)
    spheres, plan_spheres = [], list(dict.fromkeys(plan.events["sphere"]))
    for text in args.sphere:
        sphere = sphere_name(text, plan_spheres)
        if sphere is None:
            print(f"Сферы «{text}» в плане нет; есть: {'; '.join(plan_spheres)}.", file=sys.stderr)
            return 2
        spheres.append(sphere)
    partners = set().union(*plan.events["partner_countries"])
    absent = [country_name_ru(c) for c in codes if c not in partners]
    if absent:
        print(f"Внимание: в плане нет мероприятий с участием: {', '.join(absent)}.", file=sys.stderr)
    filters = Filters(countries=tuple(dict.fromkeys(codes)), spheres=tuple(dict.fromkeys(spheres)),
                      start=args.start, end=args.end)
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
