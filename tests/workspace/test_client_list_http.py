"""The client list and the client page over HTTP: search, filters, sort and pages in the
query string, the duplicate-pseudonym warning, every cell labelled for the phone's card
layout, and conversation lists with length and stage."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from bot.db.engine import session_scope
from bot.db.models import Client
from bot.web.app import create_app
from bot.workspace import caseload, clients
from tests.workspace.test_workspace_http import (
    account,
    browser,
    client_with_conversation,
    csrf_of,
    log_in,
    make_account,
)


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def test_search_filters_and_pages_keep_the_query(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)  # "J.B.", stage action, chatted
    with session_scope(database_url) as s:
        pro = account(database_url, email)
        for n in range(caseload.PAGE_SIZE + 4):
            clients.create_client(s, pro, f"Zoek-{n:03d}")
    with browser(app) as b:
        log_in(b, email)
        page = b.get("/pro/clients").text
        assert f"{caseload.PAGE_SIZE + 5} cliënten, pagina 1 van 2." in page
        assert 'rel="next"' in page and 'rel="prev"' not in page
        page = b.get("/pro/clients?zoek=zoek-&sort=last_chat").text
        assert "54 van 55 cliënten gevonden, pagina 1 van 2." in page and "J.B." not in page
        nxt = re.search(r'href="([^"]+)" rel="next"', page).group(1).replace("&amp;", "&")
        assert "zoek=zoek-" in nxt and "sort=last_chat" in nxt and "pagina=2" in nxt
        page = b.get(nxt).text
        assert "Zoek-053" in page and "Zoek-000" not in page and 'aria-current="page">2<' in page
        assert '<option value="last_chat" selected>' in page and 'value="zoek-"' in page
        page = b.get("/pro/clients?fase=action").text
        assert "1 van 55 cliënten gevonden." in page and f"/pro/clients/{data['client_id']}" in page
        page = b.get("/pro/clients?geen_chat=1&veiligheid=none").text
        assert (
            "54 van 55" in page
            and "J.B." not in page
            and 'id="geen_chat" name="geen_chat" type="checkbox" value="1" checked' in page
        )
        page = b.get("/pro/clients?zoek=bestaat-niet").text
        assert "Geen cliënten gevonden" in page
        assert b.get("/pro/clients?pagina=abc&sort=%27%3B").status_code == 200  # nonsense: the default list


def test_every_cell_of_the_lists_says_what_it_is_on_a_phone(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    with browser(app) as b:
        log_in(b, email)
        for path in ("/pro/clients", f"/pro/clients/{data['client_id']}"):
            html = b.get(path).text
            cells = re.findall(r"<td[ >][^>]*", html.split('class="list cards')[1].split("</table>")[0])
            assert cells and all("data-label=" in c for c in cells), path
        css = b.get("/static/pro.css").text
        assert "td::before { content: attr(data-label)" in css


def test_the_conversation_list_shows_length_and_stage(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    with browser(app) as b:
        log_in(b, email)
        page = b.get(f"/pro/clients/{data['client_id']}").text
        row = page.split(f"/pro/conversations/{quote(data['conversation_id'], safe='')}")[1].split("</tr>")[0]
        assert '<td data-label="Berichten van de cliënt">3</td>' in row and "actie" in row


def test_a_duplicate_pseudonym_gets_a_warning_before_it_is_created(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)  # "J.B."

    def count():
        with session_scope(database_url) as s:
            owner = account(database_url, email).id
            return s.scalar(select(func.count()).select_from(Client).where(Client.owner_id == owner))

    with browser(app) as b:
        log_in(b, email)
        token = csrf_of(b.get("/pro/clients/new").text)
        r = b.post("/pro/clients/new", data={"pseudonym": " j.b. ", "next_gesprek": "2026-12-24", "csrf_token": token})
        assert r.status_code == 409 and "U heeft al een cliënt met het pseudoniem" in r.text
        assert f"/pro/clients/{data['client_id']}" in r.text and 'name="duplicate_ok"' in r.text
        assert 'value="2026-12-24"' in r.text and count() == 1  # the form keeps its values; nothing created
        r = b.post(
            "/pro/clients/new",
            data={"pseudonym": "j.b.", "duplicate_ok": "1", "next_gesprek": "", "csrf_token": token},
        )
        assert r.status_code == 303 and count() == 2
        assert b.get("/pro/clients").text.count("Let op: 2 cliënten heten zo") == 2
        r = b.post("/pro/clients/new", data={"pseudonym": "Uniek", "csrf_token": token})
        assert r.status_code == 303 and count() == 3  # no warning for a new pseudonym
