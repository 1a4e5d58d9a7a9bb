"""The `fuhua` command line. Each subcommand lives in generator/commands/<name>.py and defines
HELP, add_arguments(parser) and run(args) -> exit code. Modules load lazily, so `fuhua validate`
does not pay for spaCy."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from generator.errors import InputError

# name -> (module, one-line help). Order is the order of `fuhua --help`.
COMMANDS = {
    "validate": "检查 policy/ 的结构、引用和引文 (schema, references, quotes)",
    "text": "打印某文件的全文 (print a document's full text from policy/)",
    "build": "生成全部表格、清单、公示、报告和网站 (generate every output)",
    "check": "申报条件自评和量身材料清单 (eligibility self-check)",
    "fill": "预填申报书：按申报主体信息填好表格 (pre-filled application form)",
    "extract": "从条文中抽取数量门槛 (threshold extraction, spaCy)",
    "lint": "起草问题检查 (drafting lint)",
    "crossref": "交叉核对：门槛、引用、条款对齐、一致性、起草问题 (cross-reference pass)",
    "diff": "两个版本的新旧对照 (compare two versions)",
    "import": "把纯文本政策文件转成 policy/ 草稿 (import a plain-text policy)",
    "init": "新建工作区：词表、带注释的示例文件 (create a workspace for another city or document set)",
    "population": "生成合成机构总体 (a synthetic population of institutions)",
    "impact": "政策修订影响测算：资格变化、门槛扫描、财政奖励 (reform impact over a population)",
}


def build_parser(available: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fuhua", description="fuhua (孵化): 科技创业孵化政策即代码工具")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in available.items():
        p = sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name])
        if getattr(module, "POLICY", True):
            p.add_argument("--policy", metavar="DIR", help="policy folder (default: $FUHUA_POLICY, else policy/ in this folder or a parent)")
        module.add_arguments(p)
    return parser


def _module(name: str):
    return importlib.import_module(f"generator.commands.{name.replace('import', 'import_text')}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # import only the command being run (its module may pull in spaCy or scipy); all for --help
    names = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    modules = {name: _module(name) for name in names}
    parser = build_parser(modules)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return modules[args.command].run(args) or 0
    except InputError as exc:
        print(exc, file=sys.stderr)
        print(f"fuhua {args.command}: {len(exc.problems)} problem(s); nothing written.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the file system refused: a full disk, no permission, no such folder
        print(f"fuhua {args.command}: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", file=sys.stderr)
        return 74
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, never the user's fault: say so without a traceback
        if os.environ.get("FUHUA_DEBUG"):
            raise
        print(f"fuhua {args.command}: internal error: {type(exc).__name__}: {exc} (set FUHUA_DEBUG=1 for details)", file=sys.stderr)
        return 70
