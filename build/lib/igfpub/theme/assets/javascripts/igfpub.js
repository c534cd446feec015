// igfpub's only script on ordinary pages (Material's 110 KB bundle is not loaded: see
// main.html). Everything works without it; it only makes the navigation drawer of narrow
// screens usable from the keyboard. Material opens the drawer with a <label> for a hidden
// checkbox, which a pointer can click but the Tab key never reaches.

const toggle = document.getElementById("__drawer");
const opener = document.querySelector('.md-header label[for="__drawer"]');
const nav = document.querySelector(".md-nav--primary");

if (toggle && opener && nav) {
  opener.setAttribute("role", "button");
  opener.setAttribute("aria-label", nav.getAttribute("aria-label") || "Navigation");
  opener.tabIndex = 0;
  const sync = () => opener.setAttribute("aria-expanded", String(toggle.checked));
  const set = (open) => {
    toggle.checked = open;
    sync();
    if (open) {
      // The drawer slides in: wait for it to be visible before moving focus into it.
      setTimeout(() => nav.querySelector(".md-nav__list a")?.focus(), 250);
    } else {
      opener.focus();
    }
  };
  sync();
  toggle.addEventListener("change", sync);
  // A page restored from the back-forward cache comes back as it was left: closed, please.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && toggle.checked) {
      toggle.checked = false;
      sync();
    }
  });
  opener.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      set(!toggle.checked);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) set(false);
  });
}
