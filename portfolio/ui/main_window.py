"""The main window: shows the open portfolio (built out by the learner's-app issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from portfolio.services.portfolio import Portfolio


class MainWindow(QMainWindow):
    def __init__(self, portfolio: Portfolio) -> None:
        super().__init__()
        self.portfolio = portfolio
        learner = portfolio.learner.get()
        self.setWindowTitle(f"{learner.name} – Portfolio")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        summary = QLabel(
            f"<h2>{learner.name}</h2><p>{portfolio.entries.count()} entries</p>", central
        )
        summary.setObjectName("summary")
        layout.addWidget(summary)
        self.setCentralWidget(central)
        self.resize(1000, 700)

    def closeEvent(self, event) -> None:
        self.portfolio.close()
        super().closeEvent(event)
