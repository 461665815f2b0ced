"""`gisheat failure-model FILE [--holdout-years K] [--json]`: fit the failure model and score it on a holdout."""

from __future__ import annotations

import argparse

from gisheat.cli.output import load_network, positive_int, print_json
from gisheat.errors import GisheatError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "failure-model", help="fit the pipe failure model and score it on the last years of breaks",
        description="Fit the pipe failure model to the breaks before the last K calendar years of the "
                    "history and score its ranking on those years, next to 'oldest first' and "
                    "'most past breaks first'.")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--holdout-years", type=positive_int, default=3, metavar="K",
                   help="calendar years held out for scoring (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--details", action="store_true", help="with --json: add the count of ignored breaks by reason")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from gisheat.analysis.renewal.holdout import RANKINGS, evaluate_holdout  # heavy: scipy

    network = load_network(args.file, layers=("pipes", "breaks"))
    try:
        report = evaluate_holdout(network, args.holdout_years)
    except GisheatError as exc:
        raise type(exc)(f"{args.file}: {exc}") from None
    if args.json:
        document = report.to_json()
        if not args.details:
            document.pop("ignored_breaks", None)  # SPEC keys only unless asked
        print_json(document)
        return 0
    model = report.model
    print(f"model: {model.name} ({'fitted' if model.source == 'fitted' else 'DEFAULT PARAMETERS'})")
    if model.note:
        print(f"note: {model.note}")
    print(f"beta {model.beta:.3f}; per-pipe history: "
          + ("off" if model.frailty_kappa == float("inf")
             else f"gamma frailty, shape {model.frailty_kappa:.3g} x L_km^{model.frailty_exponent:.2f}"))
    print(f"fit years {report.fit_years[0]}-{report.fit_years[1]} ({model.fit_breaks} breaks), "
          f"holdout {report.holdout_years[0]}-{report.holdout_years[1]} ({report.holdout_breaks} breaks)")
    ignored = {k: v for k, v in report.ignored.items() if v}
    if ignored:
        print("ignored breaks: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in ignored.items()))
    print(f"{'ranking':<24} {'top10_capture':>13} {'deviance':>10}")
    for name in RANKINGS:
        score = report.scores[name]
        capture = "-" if score.top10_capture is None else f"{score.top10_capture:.4f}"
        deviance = "-" if score.deviance is None else f"{score.deviance:.1f}"
        print(f"{name:<24} {capture:>13} {deviance:>10}")
    return 0
