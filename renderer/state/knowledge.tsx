import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { loadKnowledge, type LoadedKnowledge } from "../i18n/knowledge-loader";

/** The knowledge base of the current language, loaded lazily; views cope with "loading". */
export type KnowledgeState =
  | { status: "loading"; lang: string }
  | { status: "ready"; lang: string; knowledge: LoadedKnowledge }
  | { status: "error"; lang: string; message: string };

const KnowledgeContext = createContext<KnowledgeState>({ status: "loading", lang: "en" });

export function KnowledgeProvider({ lang, children }: { lang: string; children: ReactNode }) {
  const [state, setState] = useState<KnowledgeState>({ status: "loading", lang });
  useEffect(() => {
    let live = true;
    loadKnowledge(lang).then(
      (knowledge) => live && setState({ status: "ready", lang, knowledge }),
      (error: unknown) => live && setState({ status: "error", lang, message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [lang]);
  return <KnowledgeContext.Provider value={state}>{children}</KnowledgeContext.Provider>;
}

export function useKnowledgeState(): KnowledgeState {
  return useContext(KnowledgeContext);
}

/** The loaded knowledge, or null while it loads (or failed). */
export function useKnowledge(): LoadedKnowledge | null {
  const state = useContext(KnowledgeContext);
  return state.status === "ready" ? state.knowledge : null;
}
