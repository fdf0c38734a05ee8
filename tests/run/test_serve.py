"""The run command's stack as a user gets it: action server, Rasa (HTTP API with token),
chat page; a real headless Chromium drives the page. Ctrl-C stops everything."""

import json
import signal
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.coach import records as store

pytestmark = pytest.mark.model
OVERSTAP = str(Path(sys.executable).with_name("overstap"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TOKEN = "test-token-" + uuid.uuid4().hex


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def post(url, payload):
    req = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.fixture(scope="module")
def stack(model_path, database_url, serve_stack_class):
    server = serve_stack_class(model_path, TOKEN)
    yield {"proc": server.proc, "ports": server.ports, "web": server.web, "rasa": server.rasa}
    server.stop()


def test_rasa_http_api_requires_the_token(stack):
    assert get(stack["rasa"] + "/status")[0] == 401
    status, body = get(stack["rasa"] + f"/status?token={TOKEN}")
    assert status == 200 and "model_file" in json.loads(body)


def test_chat_through_the_page_api_rest_channel_and_action_server(stack):
    conversation = "web" + uuid.uuid4().hex[:16]
    ids = {"conversation_id": conversation, "client_id": "client-web-0001"}
    status, body = post(stack["web"] + "/api/message", {**ids, "text": "/greet"})
    assert status == 200 and "computerprogramma" in body["messages"][0]["text"]
    assert (
        post(stack["web"] + "/api/message", {**ids, "text": "/affirm"})[1]["messages"][0]["text"]
        != body["messages"][0]["text"]
    )  # "/affirm" is not a command for clients
    status, body = post(stack["web"] + "/api/message", {**ids, "text": "ja dat is goed"})
    assert status == 200 and body["messages"]
    status, body = post(stack["web"] + "/api/message", {**ids, "text": "ik doe vrijwilligerswerk bij de voedselbank"})
    assert status == 200 and len(body["messages"]) == 2
    conv = store.conversations_of_sender(conversation)[0]
    assert [t.text for t in conv.turns if t.speaker == "client"][-2:] == [
        "ja dat is goed",
        "ik doe vrijwilligerswerk bij de voedselbank",
    ]


def test_the_consent_buttons_answer_as_typed_answers_do(stack):
    """The buttons the page shows under the consent question send plain text; the real NLU
    reads "ja, dat is goed" as consent and "nee, liever niet" as no."""
    for answer, consent in (("ja, dat is goed", "given"), ("nee, liever niet", "declined")):
        conversation = "web" + uuid.uuid4().hex[:16]
        ids = {"conversation_id": conversation, "client_id": "client-web-0002"}
        status, body = post(stack["web"] + "/api/message", {**ids, "text": "/greet"})
        buttons = body["messages"][-1]["buttons"]
        assert [b["payload"] for b in buttons] == ["ja, dat is goed", "nee, liever niet"]
        status, body = post(stack["web"] + "/api/message", {**ids, "text": answer})
        assert status == 200 and body["messages"]
        assert store.conversations_of_sender(conversation)[0].consent == consent, answer


def test_chat_page_in_a_real_browser(stack, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser, viewport={"width": 360, "height": 740})  # a phone screen
        page.goto(stack["web"] + "/")
        log = page.get_by_role("log")
        expect(log).to_contain_text("computerprogramma", timeout=60_000)
        axe.check(page)
        box = page.get_by_label("Uw bericht", exact=False)
        box.fill("ja, dat is goed")
        box.press("Enter")
        expect(log).to_contain_text("ja, dat is goed")
        count = log.locator(":scope > *").count()
        box.fill("<script>alert('x')</script> ik werk in de kringloop")
        page.get_by_role("button", name="Verstuur").click()
        expect(log).to_contain_text("<script>alert('x')</script>", timeout=30_000)  # shown as text
        page.wait_for_function(f"document.querySelector('[role=log]').children.length > {count + 1}", timeout=30_000)
        no_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        expect(page.get_by_role("button", name="Verstuur")).to_be_enabled(timeout=30_000)  # every reply shown
        page.wait_for_timeout(500)  # and faded in
        axe.check(page, "conversation")
        page.screenshot(path=str(ARTIFACTS / "chat-page-phone.png"), full_page=True)
        browser.close()
    assert no_scroll, "no horizontal scrolling on a 360 px screen"


def test_ctrl_c_stops_every_process(stack):
    proc = stack["proc"]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 0
    for name in ("web", "rasa", "actions"):
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{stack['ports'][name]}/", timeout=2)
