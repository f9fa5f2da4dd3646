/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { ConceptForm, type ConceptRequest } from "@/components/concepts/concept-form";
import type { ActionResult } from "@/lib/types/actions";
import type { ConceptFormDTO, CreatedConceptDTO, SavedConceptDTO } from "@/lib/types/authoring";

const push = jest.fn();
jest.mock("next/navigation", () => ({ useRouter: () => ({ push, refresh: jest.fn() }) }));

const FORM: ConceptFormDTO = {
  deck: { id: "deck-1", title: "Reading notes" },
  concept: null,
  options: [
    { id: "c-opt", term: "Optimizer", deckTitle: "Risks from Learned Optimization" },
    { id: "c-mesa", term: "Mesa-optimizer", deckTitle: "Risks from Learned Optimization" },
  ],
  deckNames: [{ id: "c-own", term: "Proxy", aliases: ["stand-in"] }],
  requires: [],
};

function setup(result: ActionResult<CreatedConceptDTO>) {
  const create = jest.fn<Promise<ActionResult<CreatedConceptDTO>>, [ConceptRequest & { deckId: string }]>(async () => result);
  const update = jest.fn<Promise<ActionResult<SavedConceptDTO>>, [ConceptRequest & { conceptId: string }]>();
  render(<ConceptForm form={FORM} createAction={create} updateAction={update} />);
  return { create, update };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });

beforeEach(() => push.mockReset());

describe("ConceptForm", () => {
  it("shows a definition that gives its term away, and a name the deck already has, as errors beside their fields as one types", () => {
    setup({ ok: true, data: { conceptId: "x", cardId: null, warnings: [] } });
    type("Term", "Reward tampering");
    type("Definition", "Tampering with the reward.");
    expect(document.getElementById("definition-error")?.textContent).toContain("gives “Reward tampering” away");
    type("Aliases", "Stand-in, RT");
    expect(document.getElementById("aliases-error")?.textContent).toBe("“Stand-in” is already used in this deck (by “Proxy”).");
    type("Definition", "An agent interfering with what produces its training signal.");
    expect(document.getElementById("definition-error")).toBeNull();
  });

  it("sends the fields with lists split and the picked concepts by id, then opens the deck", async () => {
    const { create } = setup({ ok: true, data: { conceptId: "new", cardId: "card", warnings: [] } });
    type("Term", "Reward tampering");
    type("Definition", "An agent interfering with what produces its training signal.");
    type("Aliases", " RT , wireheading-ish ,");
    type("Examples", "First example.\n\nSecond example.");
    type("Tags", "rl, safety");
    fireEvent.change(screen.getByTestId("picker-confusables-search"), { target: { value: "mesa" } });
    fireEvent.click(screen.getByRole("checkbox", { name: /Mesa-optimizer/ }));
    fireEvent.click(screen.getByLabelText("Definition → term only"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("save-concept"));
    });
    expect(create).toHaveBeenCalledWith({
      deckId: "deck-1",
      term: "Reward tampering",
      definition: "An agent interfering with what produces its training signal.",
      aliases: ["RT", "wireheading-ish"],
      examples: ["First example.", "Second example."],
      tags: ["rl", "safety"],
      sourceText: "",
      sourceUrl: "",
      confusableIds: ["c-mesa"],
      prerequisiteIds: [],
      cardKinds: "DEFINITION_TO_TERM",
    });
    expect(push).toHaveBeenCalledWith("/decks/mine/deck-1?saved=new");
  });

  it("shows the server's refusal beside the field and stays on the form", async () => {
    setup({
      ok: false,
      error: "Please check the highlighted fields.",
      code: "INVALID",
      fieldErrors: { sourceUrl: ["The link must be a full http:// or https:// address."] },
    });
    type("Term", "Reward tampering");
    type("Definition", "An agent interfering with what produces its training signal.");
    type("Source link", "javascript:alert(1)");
    await act(async () => {
      fireEvent.click(screen.getByTestId("save-concept"));
    });
    expect(document.getElementById("sourceUrl-error")?.textContent).toBe("The link must be a full http:// or https:// address.");
    expect(screen.getByRole("alert").textContent).toBe("Please check the highlighted fields.");
    expect(push).not.toHaveBeenCalled();
  });
});
