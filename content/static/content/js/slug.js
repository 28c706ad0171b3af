/* The slug field of the page editor follows the title with a readable ASCII slug (pinyin for Chinese, or the
 * English title of the page's translation), asked of /admin/smart/slug/ (content.slug_admin). Wagtail's title
 * field sends `w-sync:check` when it gets focus and `w-sync:apply` as it is typed; the slug keeps following the
 * title until the editor types a slug of their own. */
(() => {
  const define = () => {
    const app = window.wagtail && window.wagtail.app;
    const Stimulus = window.StimulusModule;
    if (!app || !Stimulus || window.smartSlugDefined) return;
    window.smartSlugDefined = true;

    class SmartSlugController extends Stimulus.Controller {
      static values = { url: String, auto: { type: String, default: "" } };

      connect() {
        this.requests = 0;
        // A slug that is already the default of the title keeps following it.
        const title = document.querySelector(`[data-w-sync-target-value*="#${this.element.id}"]`);
        if (title && title.value && this.element.value) {
          this.slugOf(title.value).then((slug) => {
            if (slug === this.element.value.trim()) this.autoValue = slug;
          });
        }
      }

      async slugOf(title) {
        const url = new URL(this.urlValue, window.location.href);
        url.searchParams.set("title", title);
        const page = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
        if (page) url.searchParams.set("page", page[1]);
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) return null;
        return (await response.json()).slug;
      }

      /* Stop following the title once the editor has written a slug of their own. */
      compare(event) {
        const value = this.element.value.trim();
        if (value && value !== this.autoValue) event.preventDefault();
      }

      async apply(event) {
        const title = (event.detail && event.detail.value) || "";
        const number = ++this.requests;
        const slug = await this.slugOf(title);
        if (slug === null || number !== this.requests) return;
        const value = this.element.value.trim();
        if (value && value !== this.autoValue) return; // typed by the editor meanwhile
        this.autoValue = slug;
        this.element.value = slug;
        this.element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    app.register("smart-slug", SmartSlugController);
  };

  if (window.wagtail && window.wagtail.app) define();
  else document.addEventListener("DOMContentLoaded", define);
  window.addEventListener("load", define);
})();
