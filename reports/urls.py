from django.urls import path

from .views import evolution, exports, report, results, simulation

app_name = "reports"
urlpatterns = [
    path("<slug:slug>/evolution/", evolution.evolution, name="evolution"),
    path("<slug:slug>/<int:year>/resultats/", results.results, name="results"),
    path("<slug:slug>/<int:year>/simuler/", simulation.simulate, name="simulate"),
    path("<slug:slug>/<int:year>/simuler/actions/", simulation.simulate_plan,
         name="simulate-plan"),
    path("<slug:slug>/<int:year>/rapport.pdf", report.report, name="report"),
    path("<slug:slug>/<int:year>/rapport/relancer/", report.report_retry, name="report-retry"),
    path("<slug:slug>/<int:year>/export.json", exports.export_json, name="export-json"),
    path("<slug:slug>/<int:year>/export.csv", exports.export_csv, name="export-csv"),
    path("<slug:slug>/<int:year>/export.xlsx", exports.export_xlsx, name="export-xlsx"),
]
