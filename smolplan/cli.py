"""The command line: scripted parsing, checking and (later) exports, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from smolplan.errors import PlanReadError
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
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        plan = load_plan(args.plan)
    except PlanReadError as error:
        print(error.message, file=sys.stderr)
        return 2
    except Exception as error:  # the contract: a one-line Russian message, never a traceback
        print(f"Не удалось прочитать план: {type(error).__name__}.", file=sys.stderr)
        return 2
    if args.command == "parse":
        if args.format == "json":
            json.dump(json_events(plan.events), sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            flat_events(plan.events).to_csv(sys.stdout, index=False)
        return 0
    print(format_report(plan))
    return 0 if plan.report.empty else 1
