import type { KnowledgeBundle, KnowledgeFacts } from "../../shared/knowledge/types";
import { loadFacts, loadKnowledge } from "../i18n/knowledge-loader";

/** The real knowledge base, loaded the way the renderer loads it (tests only). */
export async function realKnowledge(lang: string): Promise<{ facts: KnowledgeFacts; bundle: KnowledgeBundle }> {
  const [facts, loaded] = await Promise.all([loadFacts(), loadKnowledge(lang)]);
  return { facts, bundle: loaded.bundle };
}
