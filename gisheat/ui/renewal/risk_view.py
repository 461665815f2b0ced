"""The 5 × 5 risk matrix of the network and the failure model's holdout report.

The matrix counts pipes (and km) by likelihood class (annual failure
probability) and consequence class (¥ per failure), coloured by risk level;
clicking a cell selects its pipes on the map. Beside it: how much pipe the
national renewal programme covers (a flag, not part of the rank).

The holdout report answers "can I trust the failure model?": it was fitted
before the last K years and scored on them, next to the two rules an asset
team would otherwise use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisheat.analysis.renewal.risk import CONSEQUENCE_BOUNDS, LIKELIHOOD_BOUNDS, RISK_LEVELS
from gisheat.ui.renewal.numbers import fmt, percent
from gisheat.ui.renewal.themes import RISK_LEVEL_COLOURS, ThemeText
from gisheat.ui.table import FeatureTableModel


def level_of(likelihood: int, consequence: int) -> str:
    score = likelihood * consequence
    return next(name for bound, name in RISK_LEVELS if score <= bound)


def _percent(value: float) -> str:
    return percent(value)


def _yuan(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:g}M"
    return f"{value / 1e3:g}k"


class RiskMatrixView(QWidget):
    """See the module docstring."""

    select_pipes = Signal(list)
    """Pipe ids of the clicked cell."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ThemeText(self)
        self.title = QLabel(self.tr("Run the planner (or Analysis ▸ Colour pipes by ▸ Renewal risk) to see the risk "
                                    "matrix."))
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.grid = QTableWidget(5, 5)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setMinimumWidth(150)
        self.grid.setMinimumSize(520, 230)
        probability = [0.0, *LIKELIHOOD_BOUNDS]
        rows = []
        for k in range(5, 0, -1):
            lo = probability[k - 1]
            text = (self.tr("%1 or more").replace("%1", _percent(lo)) if k == 5 else
                    self.tr("below %1").replace("%1", _percent(LIKELIHOOD_BOUNDS[0])) if k == 1 else
                    f"{_percent(lo)}–{_percent(LIKELIHOOD_BOUNDS[k - 1])}")
            rows.append(f"{k}  ({text})")
        self.grid.setVerticalHeaderLabels(rows)
        bounds = [0.0, *CONSEQUENCE_BOUNDS]
        columns = []
        for k in range(1, 6):
            text = (self.tr("below %1").replace("%1", "¥" + _yuan(CONSEQUENCE_BOUNDS[0])) if k == 1 else
                    self.tr("%1 or more").replace("%1", "¥" + _yuan(bounds[k - 1])) if k == 5 else
                    f"¥{_yuan(bounds[k - 1])}–{_yuan(CONSEQUENCE_BOUNDS[k - 1])}")
            columns.append(f"{k}\n{text}")
        self.grid.setHorizontalHeaderLabels(columns)
        self.grid.cellClicked.connect(self._clicked)
        self.grid.setToolTip(self.tr("Click a cell to select its pipes on the map"))
        axis_y = QLabel(self.tr("Likelihood: chance of a break within the year"))
        axis_x = QLabel(self.tr("Consequence of one break: customers without heat, lost heat, repair (¥)"))
        for label in (axis_x, axis_y):
            label.setStyleSheet("color: #3e4c59;")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left = QVBoxLayout()
        left.addWidget(axis_y)
        left.addWidget(self.grid, 1)
        left.addWidget(axis_x)
        left.addWidget(self.legend)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.summary, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(body, 1)
        self.risk = None
        self._fill_legend()

    def _fill_legend(self) -> None:
        parts = [f"<span style='background:{RISK_LEVEL_COLOURS[name]};'>&nbsp;&nbsp;&nbsp;&nbsp;</span> "
                 f"{self.text.risk_level(name)}" for _, name in RISK_LEVELS]
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    def show_risk(self, risk) -> None:
        self.risk = risk
        table = risk.table
        count = risk.matrix("count").to_numpy()
        km = risk.matrix("km").to_numpy()
        bold = QFont()
        bold.setBold(True)
        for i in range(5):
            for j in range(5):
                likelihood, consequence = 5 - i, j + 1
                n = int(count[i, j])
                text = ((self.tr("1 pipe") if n == 1 else self.tr("%1 pipes").replace("%1", fmt(n))) + "\n"
                        + fmt(float(km[i, j]), 1) + " km") if n else "—"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                colour = QColor(RISK_LEVEL_COLOURS[level_of(likelihood, consequence)])
                if not n:
                    colour.setAlpha(70)
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(QColor("#1f2933")))
                if n:
                    item.setFont(bold)
                item.setToolTip(self.tr("Likelihood %1, consequence %2: click to select these pipes on the map")
                                .replace("%1", str(likelihood)).replace("%2", str(consequence)))
                self.grid.setItem(i, j, item)
        self.title.setText(self.tr("Risk of every pipe in %1 — %2 pipes, total expected failure cost ¥%3 per year")
                           .replace("%1", str(risk.year)).replace("%2", fmt(len(table)))
                           .replace("%3", fmt(risk.total, 0)))
        covered = table["policy_covered"].to_numpy(dtype=bool)
        reason = table["policy_reason"].astype(str).to_numpy()
        length = table["length_m"].to_numpy(dtype=np.float64) / 1000.0
        high = table["risk_level"].isin(["high", "very_high"]).to_numpy()
        lines = [
            "<b>" + self.tr("National renewal programme") + "</b>",
            self.tr("%1 pipes, %2 km are covered (in service 20 years or more, or with leak history): "
                    "%3 km by age, %4 km by leaks, %5 km by both.")
            .replace("%1", fmt(int(covered.sum())))
            .replace("%2", fmt(float(length[covered].sum()), 1))
            .replace("%3", fmt(float(length[reason == "age"].sum()), 1))
            .replace("%4", fmt(float(length[reason == "leaks"].sum()), 1))
            .replace("%5", fmt(float(length[reason == "age+leaks"].sum()), 1)),
            self.tr("Of the %1 km at high or very high risk, %2 km are covered.")
            .replace("%1", fmt(float(length[high].sum()), 1))
            .replace("%2", fmt(float(length[high & covered].sum()), 1)),
            "<i>" + self.tr("The flag is shown beside the rank, not used in it.") + "</i>",
        ]
        if risk.notes:
            lines.append("<b>" + self.tr("Notes") + "</b>")
            lines += [f"• {note}" for note in risk.notes]
        self.summary.setText("<br>".join(lines))

    def _clicked(self, i: int, j: int) -> None:
        if self.risk is None:
            return
        t = self.risk.table
        hit = (t["likelihood_class"] == 5 - i) & (t["consequence_class"] == j + 1)
        self.select_pipes.emit([str(p) for p in t.index[hit.to_numpy()]])


class HoldoutView(QWidget):
    """The failure model tested on the last years of the break history."""

    test_requested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.years = QSpinBox()
        self.years.setRange(1, 10)
        self.years.setValue(3)
        self.years.setSuffix(self.tr(" years"))
        self.years.setToolTip(self.tr("The model is fitted on the breaks before these last years and scored on them"))
        self.test_button = QPushButton(self.tr("Test the failure model"))
        self.test_button.clicked.connect(lambda: self.test_requested.emit(self.years.value()))
        self.head = QLabel(self.tr("Press 'Test the failure model' (or Run) to see how well the model predicted the "
                                   "breaks of the last years."))
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(3, 3)
        self.table.setHorizontalHeaderLabels([
            self.tr("Ranking"), self.tr("Breaks caught in the riskiest 10 % of length"),
            self.tr("Poisson deviance (lower is better)")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(130)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.explain = QLabel(self.tr(
            "How to read this: each method ranks the pipes from riskiest down; we take the top of each list until it "
            "reaches 10 % of the network length and count how many of the breaks of the test years fell on those "
            "pipes. A method that catches more breaks in the same length would have sent the renewal money to the "
            "right pipes. 'Oldest first' and 'most past breaks first' are the rules used without a model."))
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #52606d;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Test on the last")))
        top.addWidget(self.years)
        top.addWidget(self.test_button)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.head)
        lay.addWidget(self.table)
        lay.addWidget(self.verdict)
        lay.addWidget(self.explain)
        lay.addStretch(1)
        self.report = None

    def ranking_name(self, key: str) -> str:
        return {"model": self.tr("Failure model (gisheat)"), "oldest_first": self.tr("Oldest first"),
                "most_past_breaks_first": self.tr("Most past breaks per km first")}.get(key, key)

    def show_message(self, text: str) -> None:
        """No test could be made (e.g. too few years of breaks): say why."""
        self.report = None
        self.head.setText(self.tr("The failure model could not be tested: %1").replace("%1", text))
        self.table.clearContents()
        self.verdict.setText("")

    def show_report(self, report) -> None:
        self.report = report
        model = report.model
        fit, hold = report.fit_years, report.holdout_years
        head = [self.tr("Fitted on the breaks of %1–%2, tested on the %3 breaks of %4–%5.")
                .replace("%1", str(fit[0])).replace("%2", str(fit[1])).replace("%3", fmt(report.holdout_breaks))
                .replace("%4", str(hold[0])).replace("%5", str(hold[1]))]
        ignored = sum(report.ignored.values()) if report.ignored else 0
        if ignored:
            head.append(self.tr("%1 break records were left out (unknown pipe, pipe not in service, dated before the "
                                "pipe was laid, or no date).").replace("%1", fmt(ignored)))
        if getattr(model, "source", "") == "defaults" or model.note:
            head.append("<span style='color:#b71c1c;'><b>" + self.tr("Too few break records to fit the model: it uses "
                        "documented typical rates (about 0.05 breaks per km and year for new pre-insulated pipe, "
                        "rising with age; trench-laid pipes worse).") + "</b></span>"
                        + (f"<br><i>{model.note}</i>" if model.note else ""))
        self.head.setText("<br>".join(head))
        best = max((s.top10_capture for s in report.scores.values() if s.top10_capture is not None), default=None)
        bold = QFont()
        bold.setBold(True)
        for r, key in enumerate(("model", "oldest_first", "most_past_breaks_first")):
            score = report.scores.get(key)
            caught = None if score is None or score.top10_capture is None else score.top10_capture
            cells = [self.ranking_name(key),
                     "—" if caught is None else self.tr("%1 (%2 of %3 breaks)").replace("%1", f"{100 * caught:.1f} %")
                     .replace("%2", fmt(round(caught * report.holdout_breaks))).replace("%3", fmt(report.holdout_breaks)),
                     "—" if score is None or score.deviance is None else fmt(score.deviance, 1)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if score is not None and score.top10_capture is not None and score.top10_capture == best:
                    item.setFont(bold)
                if c == 2 and key != "model":
                    item.setToolTip(self.tr("A ranking rule predicts no numbers of breaks, so it has no deviance"))
                self.table.setItem(r, c, item)
        if report.scores["model"].top10_capture is None:
            self.verdict.setText(self.tr("No breaks in the test years: nothing to score."))
        elif report.beats_baselines:
            self.verdict.setText("<span style='color:#1b5e20;'><b>" + self.tr(
                "The model catches more of the test years' breaks than both rules: its risk ranking is worth "
                "planning with.") + "</b></span>")
        else:
            self.verdict.setText("<span style='color:#b71c1c;'><b>" + self.tr(
                "The model does not beat both rules on these years: treat its ranking with care and check the "
                "break records.") + "</b></span>")


class RiskRankingView(QWidget):
    """Every pipe by risk, highest first, with the national programme's flag beside the rank.

    A thin :class:`gisheat.ui.table.FeatureTableModel` over a frame made once per run
    (sortable by any column, filterable by text); selecting rows selects the pipes on the map.
    """

    select_pipes = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ThemeText(self)
        self.head = QLabel(self.tr("Run the planner to rank the pipes by risk."))
        self.head.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: pipe id, risk level, programme…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.covered_only = QCheckBox(self.tr("Only pipes the national programme covers"))
        self.view = QTableView()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.model: FeatureTableModel | None = None
        self.frame = pd.DataFrame()
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.covered_only)
        lay = QVBoxLayout(self)
        lay.addWidget(self.head)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.covered_only.toggled.connect(self._apply_filter)

    def ranking_frame(self, risk) -> pd.DataFrame:
        """The risk table as the user reads it, in rank order (column titles in the UI language)."""
        t = risk.table.sort_values("rank", kind="stable")
        reasons = {"age": self.tr("20 years or more"), "leaks": self.tr("leak history"),
                   "age+leaks": self.tr("20 years or more, leak history"), "": ""}
        reason = t["policy_reason"].astype(str)
        return pd.DataFrame({
            self.tr("Rank"): t["rank"].astype(int).to_numpy(),
            self.tr("Pipe"): t.index.astype(str).to_numpy(),
            self.tr("Risk (¥/yr)"): t["risk"].round(0).to_numpy(),
            self.tr("Break chance this year (%)"): (t["probability"] * 100).round(2).to_numpy(),
            self.tr("Consequence of a break (¥)"): t["consequence"].round(0).to_numpy(),
            self.tr("Risk level"): t["risk_level"].astype(str).map(
                {level: self.text.risk_level(level) for _, level in RISK_LEVELS}).fillna("").to_numpy(),
            self.tr("Installed"): t["install_year"].to_numpy(dtype=float),
            self.tr("Length (m)"): t["length_m"].round(1).to_numpy(),
            self.tr("National programme"): reason.map(reasons).fillna(reason).to_numpy(dtype=object),
        })

    def show_risk(self, risk) -> None:
        self.frame = self.ranking_frame(risk)
        if self.model is None:  # one model for the view's life; a new run only replaces its frame
            self.model = FeatureTableModel("risk_ranking", self.frame, self)
            self.view.setModel(self.model)
            self.view.selectionModel().selectionChanged.connect(self._selected)
        else:
            self.model.set_frame(self.frame)
        self.view.resizeColumnsToContents()
        covered = risk.table["policy_covered"].to_numpy(dtype=bool)
        self.head.setText(self.tr("%1 pipes ranked by risk in %2 (expected failure cost per year). %3 are covered by "
                                  "the national renewal programme: the flag is shown beside the rank, not used in it.")
                          .replace("%1", fmt(len(self.frame))).replace("%2", str(risk.year))
                          .replace("%3", fmt(int(covered.sum()))))
        self._apply_filter()

    def _apply_filter(self) -> None:
        if self.model is None:
            return
        rows = None
        if self.covered_only.isChecked():
            column = self.frame.columns[-1]
            rows = np.flatnonzero(self.frame[column].to_numpy(dtype=object) != "")
        self.model.only_rows = rows
        self.model.set_filter(self.filter_edit.text())

    def _selected(self, *_) -> None:
        if self.model is None:
            return
        rows = [self.model.order[i.row()] for i in self.view.selectionModel().selectedRows()]
        column = self.frame.columns[1]
        self.select_pipes.emit([str(self.frame[column].iat[int(r)]) for r in rows])
