// A modal question in the pane. Office.js replaces window.confirm with a function that throws, so this uses <dialog>.
import { h } from "./dom";

export interface Choice<T> {
  label: string;
  value: T;
  primary?: boolean;
}

/** Shows `message` with one button per choice; Escape answers `cancelValue`. */
export function ask<T>(title: string, message: string, choices: Choice<T>[], cancelValue: T): Promise<T> {
  return new Promise((resolve) => {
    const titleId = `dlg-title-${Date.now()}`;
    const dialog = h("dialog", { class: "modal", "aria-labelledby": titleId },
      h("h2", { id: titleId }, title),
      h("p", {}, message));
    const buttons = h("div", { class: "modal__buttons" });
    let answered = false;
    const finish = (value: T) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    for (const choice of choices) {
      buttons.appendChild(h("button", { type: "button", class: choice.primary ? "button button--primary" : "button", onclick: () => finish(choice.value) }, choice.label));
    }
    dialog.appendChild(buttons);
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); finish(cancelValue); });
    document.body.appendChild(dialog);
    dialog.showModal();
    (buttons.querySelector(".button--primary") as HTMLButtonElement | null)?.focus();
  });
}
