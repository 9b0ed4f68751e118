"""Chromium through Playwright: the system browser, a French-speaking user by default."""

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def csp_violations(page) -> list[str]:
    """Collects what the Content-Security-Policy refused on this page."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def log_in(chromium, live_server, username, *, password: str = DEFAULT_DEMO_PASSWORD):
    """A new French-speaking browser tab, logged in as a demo account; its CSP
    refusals are collected in page.csp_refused."""
    context = chromium.new_context(locale="fr-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_refused = csp_violations(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


SERIOUS = {"serious", "critical"}


def accessibility_violations(page) -> list[str]:
    """axe-core (shipped by axe-playwright-python, nothing downloaded) over the
    page as it is now: the serious and critical violations, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    const style = getComputedStyle(el);
    return {
        name: (el.getAttribute("aria-label") || label || el.innerText || el.value || "").trim(),
        visible: style.outlineStyle !== "none" || style.boxShadow !== "none",
    };
}"""


def tab_to(page, name: str, *, limit: int = 80) -> None:
    """Press Tab until the focused control's accessible name is `name`, as a
    keyboard user does; it must show its focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused and focused["name"] == name:
            assert focused["visible"], f"{name!r} is focused without a visible focus"
            return
        seen.append(focused and focused["name"])
    raise AssertionError(f"{name!r} not reached with Tab; went through {seen}")


_OUT_OF_VIEW = """() => {
    const found = [];
    const main = document.querySelector("main#content");
    if (!main) return found;
    const width = document.documentElement.clientWidth;
    for (const cell of main.querySelectorAll("tbody td, tbody th")) {
        const box = cell.getBoundingClientRect();
        if (!box.width || !cell.innerText.trim() || cell.closest(".visually-hidden")) continue;
        if (box.right > width + 1 || box.left < -1)
            found.push(`the cell « ${cell.innerText.trim().slice(0, 40)} » is off the screen`);
        else if (cell.scrollWidth > cell.clientWidth + 1)
            found.push(`the cell « ${cell.innerText.trim().slice(0, 40)} » overflows its box`);
    }
    const ruler = document.createElement("canvas").getContext("2d");
    for (const select of main.querySelectorAll("select:not([multiple])")) {
        if (!select.offsetParent || !select.selectedOptions.length) continue;
        const style = getComputedStyle(select);
        ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = select.selectedOptions[0].text;
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        const room = select.clientWidth - padding;
        // A name longer than the whole screen is cut in any layout; a short
        // choice cut in a cramped column is the layout's fault.
        const cramped = select.getBoundingClientRect().width < 0.8 * width;
        if (cramped && ruler.measureText(text).width > room + 1)
            found.push(`the choice « ${text} » is cut`);
    }
    return found;
}"""


def out_of_view(page) -> list[str]:
    """What a phone user cannot read without a hidden sideways scroll: table
    cells beyond the screen's edge, selected choices cut short in a narrow column."""
    return page.evaluate(_OUT_OF_VIEW)
