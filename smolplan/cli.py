"""The command line: scripted parsing, checking and (later) exports, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

from smolplan.errors import PlanReadError
from smolplan.filters import Filters
from smolplan.plan import Plan, flat_events, json_events, load_plan


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m smolplan", description="План международных мероприятий")
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
    export.add_argument("--country", action="append", default=[], help="страна-партнёр, код ISO (BY, KZ, …)")
    export.add_argument("--sphere", action="append", default=[], help="сфера (текст после «В сфере»)")
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


def _export(plan: Plan, args) -> int:
    from smolplan.briefing import build_briefing
    from smolplan.images import ImageError

    unknown = [c for c in args.country if c.upper() not in set().union(*plan.events["partner_countries"])]
    if unknown:
        print(f"Внимание: в плане нет мероприятий со страной {', '.join(unknown)}.", file=sys.stderr)
    filters = Filters(countries=tuple(c.upper() for c in args.country), spheres=tuple(args.sphere),
                      start=args.start, end=args.end)
    try:
        briefing = build_briefing(args.kind, plan, filters, args.today)
        Path(args.out).write_bytes(briefing.data)
    except ImageError as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Не удалось записать «{args.out}»: {error.strerror or error}.", file=sys.stderr)
        return 2
    print(f"Записано: {args.out}")
    return 0
