#!/usr/bin/env bash
# The dashboard in a real browser: starts cyclerd on the simulated bench at
# 100x (loopback only) and drives headless Chromium (Debian's chromium,
# chromium-driver and python3-selenium) against it: the overview shows the 4
# channels, a channel's voltage trace gains points, a spectrum measured by a
# submitted EIS job appears in the Nyquist plot with its fit and lin-KK verdict,
# the card says "cycle n of N" with N from the protocol, the V-Q, retention,
# resistance and pressure plots get points, dragging across the trace zooms it,
# an operator's pause reaches the daemon, a viewer's page has no controls, and
# the screenshots are not blank.
# SCREENSHOTS=docs keeps the channel page at desktop and phone widths there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-daemon.sh
port=${PORT:-18475}
start_test_daemon Config/cyclerd.yaml "$port" "s#speed: 3600#speed: 100#"
operator=$(make_token dashboard-operator operator)
viewer=$(make_token dashboard-viewer viewer)
/usr/bin/python3 - "$port" "$operator" "$viewer" "${SCREENSHOTS:-$work}" <<'PY'
import io, json, re, sys, time, urllib.request
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

port, operator, viewer, shots = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
base = f"http://127.0.0.1:{port}"
failures = []

def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)

def api(path, token, body=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)

def wait_for(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    return condition()

def browser(width, height):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

def log_in(driver, token):
    driver.get(base + "/")
    wait_for(lambda: driver.find_element(By.ID, "login").is_displayed(), 10)
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()

def not_blank(driver, name):
    png = driver.get_screenshot_as_png()
    with open(f"{shots}/{name}.png", "wb") as file:
        file.write(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    share = max(count for count, _ in colours) / (image.width * image.height)
    check(share < 0.9, f"{name}.png is not blank (its commonest colour covers {share:.0%})")

# A spectrum to show: an EIS job on the polymer channel once its transference job has ended.
eis = "name: impedance check\ndescription: one PEIS at open circuit\nsteps:\n  - eis: {from: 100 kHz, to: 1 Hz, per_decade: 5, amplitude: 10 mV}\n"
job = api("/v1/channels/peo-transference/jobs", operator, {"protocol": eis, "protocol_file": "impedance-check.yaml"})

driver = browser(1280, 2600)
try:
    log_in(driver, operator)
    cards = wait_for(lambda: driver.execute_script("return window.cyclerd.cards()") == 4, 15)
    check(cards, "the overview shows 4 channels")
    planned = int(re.search(r"count: (\d+)", open("Protocols/gcpl.yaml").read()).group(1))
    card_cycle = lambda: driver.execute_script("return window.cyclerd.cardCycle('nmc811-gcpl')")
    card = wait_for(lambda: re.fullmatch(rf"(before 1|\d+) of {planned}", card_cycle()), 15)
    check(card, f"the GCPL card says cycle n of {planned} ({card_cycle()!r})")
    not_blank(driver, "dashboard-overview")

    driver.get(base + "/#/channel/nmc811-gcpl")
    driver.refresh()
    first = wait_for(lambda: driver.execute_script("return window.cyclerd.tracePoints()"), 15) or 0
    time.sleep(10)
    later = driver.execute_script("return window.cyclerd.tracePoints()")
    check(later > first > 0, f"the voltage trace gained points over 10 s ({first} -> {later})")
    for hook, what in [("capacityPoints", "the V-Q plot has points for a cycle"), ("cyclePoints", "the retention and CE plot has points"),
                       ("resistancePoints", "the resistance plots have points"), ("pressurePoints", "the stack pressure plot has points")]:
        points = wait_for(lambda: driver.execute_script(f"return window.cyclerd.{hook}()"), 60) or 0
        check(points > 0, f"{what} ({points})")
    before = driver.execute_script("return window.cyclerd.traceRange()")
    trace = driver.find_element(By.ID, "trace")
    ActionChains(driver).move_to_element_with_offset(trace, -trace.size["width"] // 4, 0).click_and_hold() \
        .move_by_offset(trace.size["width"] // 4, 0).release().perform()
    zoomed = wait_for(lambda: driver.find_element(By.ID, "unzoom").is_displayed(), 10)
    after = driver.execute_script("return window.cyclerd.traceRange()")
    points = wait_for(lambda: driver.execute_script("return window.cyclerd.tracePoints()"), 10)
    check(zoomed and after[1] - after[0] < (before[1] - before[0]) / 2 and points,
          f"dragging across the trace zoomed it to {after[0]:.3f}-{after[1]:.3f} h (from {before[0]:.3f}-{before[1]:.3f}) with {points} points read again")
    driver.find_element(By.ID, "unzoom").click()
    not_blank(driver, "dashboard-channel-desktop")

    driver.get(base + "/#/channel/peo-transference")
    driver.refresh()
    spectra = wait_for(lambda: driver.execute_script("return window.cyclerd.spectra()"), 120)
    check(spectra and spectra > 0, "the Nyquist plot shows the EIS job's spectrum")
    fit = wait_for(lambda: driver.execute_script("return window.cyclerd.fitPoints()"), 30) or 0
    verdict = driver.execute_script("return window.cyclerd.verdict()")
    check(fit > 0 and re.match(r"lin-KK (pass|FAIL) \(noise [0-9.]+ % of \|Z\|\)", verdict),
          f"the Nyquist plot draws a fit ({fit} points) and says the lin-KK verdict ({verdict[:80]!r})")

    driver.get(base + "/#/channel/nmc811-gcpl")
    driver.refresh()
    button = wait_for(lambda: driver.find_elements(By.ID, "pause"), 15)
    running = api("/v1/channels/nmc811-gcpl", operator)["running_job"]
    if button:
        button[0].click()
        driver.switch_to.alert.accept()
    state = wait_for(lambda: api(f"/v1/jobs/{running}", operator)["state"] == "paused", 15)
    check(bool(button) and state, f"an operator's pause reached the daemon (job {running} is paused)")
    api(f"/v1/jobs/{running}/resume", operator, {"reason": "dashboard test"})
finally:
    driver.quit()

phone = browser(390, 2400)
try:
    log_in(phone, viewer)
    wait_for(lambda: phone.execute_script("return window.cyclerd.cards()") == 4, 15)
    phone.get(base + "/#/channel/nmc811-gcpl")
    phone.refresh()
    wait_for(lambda: phone.execute_script("return window.cyclerd.tracePoints()"), 15)
    time.sleep(2)
    check(phone.execute_script("return window.cyclerd.role()") == "viewer", "the phone is signed in as a viewer")
    check(len(phone.find_elements(By.CSS_SELECTOR, "#controls button")) == 0, "a viewer's page has no control buttons")
    not_blank(phone, "dashboard-channel-phone")
finally:
    phone.quit()

print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
PY
