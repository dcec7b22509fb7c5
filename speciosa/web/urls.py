"""Every page. The journal pages (today, doses, check-ins, history, accounts), the record pages
(products, medications, substances, therapies, labs, trends, import/export, settings), the safety
pages (findings, rules, sources), experiments, reports, share links and the calendar live in view
modules with their own URL lists."""

from speciosa.web.urls_calendar import urlpatterns as calendar_urls
from speciosa.web.urls_claims import urlpatterns as claims_urls
from speciosa.web.urls_experiments import urlpatterns as experiment_urls
from speciosa.web.urls_faq import urlpatterns as faq_urls
from speciosa.web.urls_guide import urlpatterns as guide_urls
from speciosa.web.urls_journal import urlpatterns as journal_urls
from speciosa.web.urls_learn import urlpatterns as learn_urls
from speciosa.web.urls_legal import urlpatterns as legal_urls
from speciosa.web.urls_records import urlpatterns as record_urls
from speciosa.web.urls_reports import urlpatterns as report_urls
from speciosa.web.urls_safety import urlpatterns as safety_urls
from speciosa.web.urls_search import urlpatterns as search_urls
from speciosa.web.urls_share import urlpatterns as share_urls
from speciosa.web.urls_shell import urlpatterns as shell_urls
from speciosa.web.urls_taper import urlpatterns as taper_urls

app_name = "web"
urlpatterns = (
    journal_urls
    + record_urls
    + safety_urls
    + experiment_urls
    + taper_urls
    + report_urls
    + share_urls
    + calendar_urls
    + learn_urls
    + guide_urls
    + faq_urls
    + claims_urls
    + legal_urls
    + search_urls
    + shell_urls
)
