"""French and English texts of every code the core emits, and a readable explanation.

Placeholders use str.format with small specs: `{x:money}` (uses the `currency` parameter;
whole units from 100 up), `{x:num}`, `{x:factor}` (a multiplier, "1.3"), `{x:pct}`,
`{x:date}` (medium format), `{x:months}` (whole months), `{x:label:<ns>}` (the text of
"<ns>.<x>"), `{x:labels:<ns>}` (a comma-separated list of those). The bot may format money itself with Babel; these are the
simple stdlib forms.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from datetime import date

from scoring.model import Param, Recommendation, Verdict

LANGS = ("fr", "en")

# code → (fr, en)
TEXTS: dict[str, tuple[str, str]] = {
    # ---- verdicts, labels
    "verdict.in_house": ("En interne", "In-house"),
    "verdict.hybrid": ("Hybride (interne + agence)", "Hybrid (in-house + agency)"),
    "verdict.agency": ("Agence", "Agency"),
    # A verdict inside a sentence (after a colon): French writes it without a capital.
    "verdict_inline.in_house": ("en interne", "In-house"),
    "verdict_inline.hybrid": ("hybride (interne + agence)", "Hybrid (in-house + agency)"),
    "verdict_inline.agency": ("agence", "Agency"),
    "confidence.low": ("faible", "low"),
    "confidence.medium": ("moyenne", "medium"),
    "confidence.high": ("élevée", "high"),
    "objective.leads": ("leads", "leads"),
    "objective.sales": ("ventes", "sales"),
    "objective.awareness": ("notoriété", "awareness"),
    "objective.community": ("communauté", "community"),
    "objective.csr": ("RSE", "CSR"),
    "objective.financial_comm": ("communication financière", "financial communication"),
    "objective.employer_brand": ("marque employeur", "employer brand"),
    "objective.other": ("autre", "other"),
    "audience.restricted": ("restreinte (investisseurs, partenaires)", "restricted (investors, partners)"),
    "audience.niche": ("de niche", "niche"),
    "audience.broad": ("large", "broad"),
    "capability.copywriting": ("copywriting", "copywriting"),
    "capability.targeting": ("ciblage", "targeting"),
    "capability.retargeting": ("retargeting", "retargeting"),
    "capability.social_ads": ("publicité sur les réseaux sociaux", "social media ads"),
    "capability.search_ads": ("publicité sur les moteurs de recherche", "search engine ads"),
    "speed.steady": ("régulière", "steady"),
    "speed.fast": ("rapide", "fast"),
    "speed.maximal": ("accélération maximale", "maximal acceleration"),
    "mode.none": ("rien encore", "nothing yet"),
    "mode.in_house": ("en interne", "in-house"),
    "mode.agency": ("en agence", "agency"),
    "mode.hybrid": ("hybride", "hybrid"),
    "results.unknown": ("inconnus", "unknown"),
    "results.none_yet": ("aucun pour l'instant", "none yet"),
    "results.not_convincing": ("pas probants", "not convincing"),
    "results.mixed": ("mitigés", "mixed"),
    "results.convincing": ("probants", "convincing"),
    "results_flip.not_convincing": ("Si les résultats n'étaient pas probants", "If the results were not convincing"),
    "results_flip.mixed": ("Si les résultats étaient mitigés", "If the results were mixed"),
    "results_flip.convincing": ("Si les résultats étaient probants", "If the results were convincing"),
    "option.in_house": ("interne", "in-house"),
    "option.hybrid": ("hybride", "hybrid"),
    "option.agency": ("agence", "agency"),
    "type.object": ("un objet", "an object"),
    "type.array": ("une liste", "a list"),
    "type.number": ("un nombre", "a number"),
    "type.boolean": ("vrai ou faux (true/false)", "true or false"),
    "type.string": ("un texte", "a text"),
    "factor.audience_capabilities": ("Audience et besoins commerciaux", "Audience and commercial needs"),
    "factor.acceleration": ("Vitesse voulue", "Wanted speed"),
    "factor.track_record": ("Résultats obtenus", "Track record"),
    "factor.cost": ("Coût horaire", "Hourly cost"),
    "factor.deadline": ("Échéance", "Deadline"),
    "factor.objective_type": ("Type d'objectif", "Kind of objective"),
    "rule.vertical_unliftable": ("organisation verticale aux contraintes impossibles à lever", "vertical organisation whose constraints cannot be lifted"),
    "rule.restricted_no_commercial": ("audience restreinte sans besoin commercial", "restricted audience with no commercial need"),
    "rule.limit_means": ("coût le plus bas : le coût horaire le moins cher", "lowest cost: the cheaper hourly cost"),
    "rule.budget_single_option": ("une seule option tient dans le budget", "only one option fits the budget"),
    "rule.positioning_plus_commercial": ("positionnement en interne + mission commerciale en agence", "positioning in-house + commercial mission to an agency"),
    "rule.convincing_in_house_plus_growth": ("équipe interne probante + croissance confiée à une agence", "convincing in-house team + growth given to an agency"),
    "rule.community_upkeep": ("entretien simple de la communauté", "plain community upkeep"),
    "rule.hysteresis_hold": ("écart trop faible pour changer", "difference too small to switch"),
    "heading.recommendation": ("Recommandation", "Recommendation"),
    "heading.confidence": ("confiance", "confidence"),
    "heading.score": ("Score {score:num} (positif : vers l'agence ; négatif : vers l'interne)", "Score {score:num} (positive leans to the agency, negative to in-house)"),
    "heading.reasons": ("Pourquoi", "Why"),
    "heading.decided_by": ("Règle décisive", "Deciding rule"),
    "heading.why.in_house": ("Pourquoi en interne", "Why in-house"),
    "heading.why.hybrid": ("Pourquoi l'hybride", "Why hybrid"),
    "heading.why.agency": ("Pourquoi une agence", "Why an agency"),
    "heading.against": ("Ce qui tire dans l'autre sens", "What pulls the other way"),
    "heading.contributions": ("Détail des facteurs", "Factors"),
    "heading.costs": ("Coût mensuel", "Monthly cost"),
    "heading.budget": ("budget {budget:money}/mois", "budget {budget:money}/month"),
    "heading.flips": ("Ce qui changerait la recommandation", "What would change the recommendation"),
    "heading.actions": ("Prochaines étapes", "Next steps"),
    "heading.rules": ("Règles appliquées", "Rules applied"),
    "cost.over_budget": ("au-delà du budget", "over budget"),
    "cost.unknown": ("inconnu", "unknown"),
    # ---- reasons: rules
    "rule_vertical_unliftable": ("Organisation trop verticale et contraintes impossibles à lever : il faut externaliser.", "The organisation is too vertical and its constraints cannot be lifted: outsource."),
    "rule_restricted_no_commercial": ("Audience restreinte (investisseurs, partenaires) sans besoin commercial : un social media manager en interne fait amplement l'affaire.", "A restricted audience (investors, partners) with no commercial need: an in-house social media manager is enough."),
    "rule_limit_means": ("Coût le plus bas voulu : en interne {in_house_wage:money}/h de salaire, {in_house_hourly:money}/h charges comprises (×{load_factor:factor}), contre {agency_hourly:money}/h pour l'agence ; le moins cher l'emporte.", "Lowest cost wanted: in-house {in_house_wage:money}/h wage, {in_house_hourly:money}/h with employer charges (×{load_factor:factor}), against {agency_hourly:money}/h for the agency; the cheaper wins."),
    "rule_budget_single_option": ("Seule l'option « {option:label:option} » ({cost:money}/mois) tient dans le budget de {budget:money}/mois.", "Only the {option:label:option} option ({cost:money}/month) fits the {budget:money}/month budget."),
    "rule_positioning_plus_commercial": ("Le positionnement et la communauté se gèrent en interne ; la mission commerciale (ciblage, publicité) se confie à une agence.", "Positioning and community stay in-house; the commercial mission (targeting, ads) goes to an agency."),
    "rule_convincing_in_house_plus_growth": ("L'équipe interne obtient des résultats probants ; les besoins commerciaux ou l'accélération se confient à une agence.", "The in-house team gets convincing results; the commercial needs or the acceleration go to an agency."),
    "rule_community_upkeep": ("Entretenir simplement votre communauté, sans intention commerciale ni besoin d'accélérer : un social media manager en interne, et ça gère.", "Plain community upkeep, with no commercial aim and no rush: an in-house social media manager handles it."),
    "balanced_score": ("Les facteurs tirent dans les deux sens sans pencher nettement : partager le travail entre l'interne et une agence.", "The factors pull both ways with no clear lean: split the work between in-house and an agency."),
    # ---- the same without pay (a channel), or without any figure (a workspace that hides them)
    "rule_limit_means.channel": ("Coût le plus bas voulu : le coût horaire le moins cher l'emporte.", "Lowest cost wanted: the cheaper hourly cost wins."),
    "agency_cheaper.channel": ("L'agence coûte moins cher à l'heure que l'interne.", "The agency is cheaper per hour than in-house."),
    "in_house_cheaper.channel": ("L'interne coûte moins cher à l'heure que l'agence.", "In-house is cheaper per hour than the agency."),
    "same_hourly_cost.channel": ("Même coût horaire des deux côtés.", "The same hourly cost on both sides."),
    "rule_budget_single_option.channel": ("Seule l'option « {option:label:option} » tient dans le budget.", "Only the {option:label:option} option fits the budget."),
    "over_budget.channel": ("L'option « {option:label:option} » coûte plus que le budget.", "The {option:label:option} option costs more than the budget."),
    "rule_hysteresis_hold": ("L'écart est trop faible pour quitter l'option « {verdict:label:option} » (le score penche légèrement vers « {candidate:label:option} »).", "The difference is too small to leave the {verdict:label:option} option (the score leans slightly toward {candidate:label:option})."),
    "over_budget": ("L'option « {option:label:option} » coûte {cost:money}/mois, soit {gap:money} de plus que le budget de {budget:money}/mois.", "The {option:label:option} option costs {cost:money}/month, {gap:money} over the {budget:money}/month budget."),
    # ---- reasons: factors
    "audience_restricted_no_commercial": ("Audience restreinte sans besoin commercial.", "Restricted audience with no commercial need."),
    "audience_niche_no_commercial": ("Audience de niche sans besoin commercial.", "Niche audience with no commercial need."),
    "audience_broad_no_commercial": ("Audience large, sans besoin commercial déclaré.", "Broad audience, no commercial need stated."),
    "commercial_capabilities": ("Besoins commerciaux ({capabilities:labels:capability}) pour une audience {audience:label:audience} : une mission pour une agence.", "Commercial needs ({capabilities:labels:capability}) for a {audience:label:audience} audience: a mission for an agency."),
    "speed_steady": ("Rythme régulier : pas besoin d'accélérer à tout prix.", "A steady pace: no need to speed things up."),
    "speed_fast": ("Progression rapide voulue.", "Fast progress wanted."),
    "speed_maximal": ("Accélération maximale voulue : il faut combiner publications organiques (SMO) et publicité payante (SMA), ce qu'une agence met en œuvre immédiatement.", "Maximal acceleration wanted: it takes organic posts (SMO) and paid ads (SMA) together, which an agency can run at once."),
    "no_track_record": ("Pas encore d'historique.", "No track record yet."),
    "in_house_convincing": ("En interne depuis {months:months} avec des résultats probants.", "In-house for {months:months} with convincing results."),
    "in_house_under_a_year": ("En interne depuis {months:months} : moins d'un an, trop tôt pour juger.", "In-house for {months:months}: under a year, too early to judge."),
    "year_not_convincing_checked": ("Au moins un an ({months:months}) sans résultats probants, efficacité du social media manager vérifiée : c'est peut-être le moment d'externaliser.", "At least a year ({months:months}) without convincing results, the manager's effectiveness checked: it may be time to outsource."),
    "year_not_convincing_unchecked": ("Au moins un an ({months:months}) sans résultats probants, mais l'efficacité du social media manager n'a pas été vérifiée.", "At least a year ({months:months}) without convincing results, but the manager's own effectiveness was not checked."),
    "in_house_mixed": ("En interne depuis {months:months}, résultats mitigés.", "In-house for {months:months}, mixed results."),
    "results_unknown": ("Résultats inconnus après {months:months}.", "Results unknown after {months:months}."),
    "agency_convincing": ("L'agence obtient des résultats probants.", "The agency gets convincing results."),
    "agency_not_convincing": ("L'agence n'obtient pas de résultats probants.", "The agency's results are not convincing."),
    "agency_results_open": ("Résultats de l'agence encore ouverts.", "The agency's results are still open."),
    "agency_period_over_not_convincing": ("La période convenue avec l'agence ({period:months}) est écoulée ({months:months}) sans résultats probants : l'objectif n'est pas atteint.", "The agency's agreed period ({period:months}) is over ({months:months} in) without convincing results: the objective is not met."),
    "agency_period_over_mixed": ("La période convenue avec l'agence ({period:months}) est écoulée ({months:months}) avec des résultats mitigés : l'objectif n'est pas atteint.", "The agency's agreed period ({period:months}) is over ({months:months} in) with mixed results: the objective is not met."),
    "agency_period_over_unknown": ("La période convenue avec l'agence ({period:months}) est écoulée ({months:months}) : mesurez ses résultats avec les KPIs.", "The agency's agreed period ({period:months}) is over ({months:months} in): measure its results with the KPIs."),
    "agency_not_convincing_in_period": ("Les résultats de l'agence ne sont pas probants, à {left:months} de la fin de la période convenue ({period:months}).", "The agency's results are not convincing, {left:months} before the end of its agreed period ({period:months})."),
    "agency_results_open_in_period": ("Résultats de l'agence encore ouverts : il reste {left:months} sur la période convenue ({period:months}).", "The agency's results are still open: {left:months} left of its agreed period ({period:months})."),
    "hybrid_in_period": ("En hybride depuis {months:months} sur une période convenue de {period:months}, résultats : {results:label:results}.", "Hybrid for {months:months} of an agreed {period:months}, results: {results:label:results}."),
    "hybrid_period_over": ("En hybride depuis {months:months}, au-delà de la période convenue ({period:months}), résultats : {results:label:results}.", "Hybrid for {months:months}, past its agreed period ({period:months}), results: {results:label:results}."),
    "hybrid_period_over_not_convincing": ("La période convenue pour l'hybride ({period:months}) est écoulée ({months:months}) sans résultats probants.", "The hybrid's agreed period ({period:months}) is over ({months:months} in) without convincing results."),
    "hybrid_track_record": ("En hybride depuis {months:months}, résultats : {results:label:results}.", "Hybrid for {months:months}, results: {results:label:results}."),
    "cost_unknown": ("Coûts horaires incomplets : comparaison impossible.", "Hourly costs incomplete: no comparison."),
    "agency_cheaper": ("L'agence coûte moins cher à l'heure ({agency_hourly:money} contre {in_house_hourly:money} charges comprises en interne).", "The agency is cheaper per hour ({agency_hourly:money} against {in_house_hourly:money} in-house with employer charges)."),
    "in_house_cheaper": ("L'interne coûte moins cher à l'heure ({in_house_hourly:money} charges comprises contre {agency_hourly:money} pour l'agence).", "In-house is cheaper per hour ({in_house_hourly:money} with employer charges against {agency_hourly:money} for the agency)."),
    "same_hourly_cost": ("Même coût horaire des deux côtés ({agency_hourly:money}).", "The same hourly cost on both sides ({agency_hourly:money})."),
    "no_deadline": ("Pas d'échéance précise.", "No precise deadline."),
    "deadline_passed": ("L'échéance du {deadline:date} est passée : l'objectif est en retard.", "The {deadline:date} deadline has passed: the goal is late."),
    "deadline_soon": ("Échéance proche ({deadline:date}, dans {months:months}) : une agence s'engage sur une durée déterminée.", "A close deadline ({deadline:date}, in {months:months}): an agency commits to a set period."),
    "deadline_within_year": ("Échéance dans l'année ({deadline:date}).", "A deadline within the year ({deadline:date})."),
    "deadline_far": ("Échéance lointaine ({deadline:date}).", "A distant deadline ({deadline:date})."),
    "objective_commercial": ("Objectif commercial ({objective:label:objective}).", "A commercial objective ({objective:label:objective})."),
    "objective_awareness": ("Objectif de notoriété.", "An awareness objective."),
    "objective_positioning": ("Objectif de positionnement ({objective:label:objective}).", "A positioning objective ({objective:label:objective})."),
    "objective_other": ("Autre objectif.", "Another objective."),
    # ---- re-evaluation changes
    "first_recommendation": ("Première recommandation : {verdict:label:verdict_inline}.", "First recommendation: {verdict:label:verdict_inline}."),
    "verdict_changed": ("La recommandation passe de l'option « {from:label:option} » à l'option « {to:label:option} ».", "The recommendation moves from the {from:label:option} option to the {to:label:option} option."),
    "confidence_changed": ("Confiance : {from:label:confidence} → {to:label:confidence}.", "Confidence: {from:label:confidence} → {to:label:confidence}."),
    "rule_now_applies": ("Nouvelle règle : {rule:label:rule}.", "A rule now applies: {rule:label:rule}."),
    "rule_no_longer_applies": ("Ne s'applique plus : {rule:label:rule}.", "No longer applies: {rule:label:rule}."),
    "factor_changed": ("Changement sur le facteur « {factor:label:factor} ».", "The {factor:label:factor} factor changed."),
    "new_action": ("Nouvelle étape : {action:label:action}.", "New step: {action:label:action}."),
    "results_now": ("Résultats : {from:label:results} → {to:label:results}.", "Results: {from:label:results} → {to:label:results}."),
    "mode_now": ("Mode : {from:label:mode} → {to:label:mode}.", "Mode: {from:label:mode} → {to:label:mode}."),
    "held_by_hysteresis": ("Le score penche vers l'option « {candidate:label:option} », mais pas assez pour changer.", "The score leans toward the {candidate:label:option} option, but not enough to switch."),
    # ---- actions
    "action.brief_in_house": ("fixer ses objectifs et KPIs à l'équipe interne", "set the in-house team's objectives and KPIs"),
    "action.brief_agency": ("rédiger le brief des agences", "write the agency brief"),
    "action.split_work": ("répartir le travail entre l'interne et l'agence", "split the work between in-house and the agency"),
    "action.assess_constraints_in_house": ("vérifier que l'organisation laisse place à la créativité", "check that the organisation leaves room for creativity"),
    "action.check_manager": ("vérifier l'efficacité du social media manager", "check the manager's effectiveness"),
    "action.lift_constraints": ("lever les contraintes organisationnelles", "lift the organisational constraints"),
    "action.assess_constraints": ("savoir si les contraintes peuvent être levées", "find out whether the constraints can be lifted"),
    "action.name_interlocutor": ("nommer un interlocuteur interne pour l'agence", "name an in-house contact for the agency"),
    "action.raise_budget_or_narrow_scope": ("augmenter le budget ou réduire le périmètre", "raise the budget or narrow the scope"),
    "action.cheaper_option_fits": ("envisager l'option qui tient dans le budget", "consider the option that fits the budget"),
    "action.set_new_deadline": ("fixer une nouvelle échéance", "set a new deadline"),
    "action.commission_mix_mission": ("confier une mission pour doser organique (SMO) et payant (SMA)", "commission a mission to balance organic (SMO) and paid (SMA)"),
    "action.give_costs": ("renseigner les deux coûts horaires", "enter both hourly costs"),
    "action.track_kpis": ("suivre des KPIs", "track KPIs"),
    "action.give_hours_per_month": ("renseigner les heures de travail nécessaires par mois", "enter the hours of work needed per month"),
    "action.review_in_house_results": ("revoir les objectifs et les moyens de l'équipe interne", "review the in-house team's objectives and means"),
    "brief_in_house": ("Fixer au social media manager interne des objectifs chiffrés et des KPIs, et juger ses résultats sur ces chiffres.", "Give the in-house social media manager figures to reach and KPIs, and judge the results on them."),
    "brief_agency": ("Rédiger le brief des agences : objectifs, KPIs et échéance ; une agence s'engage sur une durée déterminée.", "Write the agency brief: objectives, KPIs and the deadline; an agency commits to a set period."),
    "split_work": ("Répartir le travail : ce qui reste en interne (positionnement, communauté), ce qui va à l'agence (mission commerciale, accélération), avec un KPI de chaque côté.", "Split the work: what stays in-house (positioning, community), what goes to the agency (the commercial mission, acceleration), with a KPI on each side."),
    "assess_constraints_in_house": ("Vérifier que l'organisation verticale laisse au social media manager la place de créer, et si ses contraintes peuvent être levées.", "Check that the vertical organisation leaves the social media manager room to create, and whether its constraints can be lifted."),
    "check_manager": ("D'abord, vérifier l'efficacité du social media manager : après {months:months} sans résultats probants, le problème peut venir de lui ou de ses conditions de travail.", "First check the social media manager's own effectiveness: after {months:months} without convincing results, the problem may lie with the person or their working conditions."),
    "lift_constraints": ("Lever les contraintes organisationnelles qui brident la créativité du social media manager.", "Lift the organisational constraints that stifle the social media manager's creativity."),
    "assess_constraints": ("Vérifier si l'organisation verticale peut lever ses contraintes ; sinon, il faut externaliser.", "Find out whether the vertical organisation can lift its constraints; if not, outsource."),
    "name_interlocutor": ("Nommer en interne une personne qui a l'expérience du marketing pour travailler avec l'agence (directeur marketing, dirigeant).", "Name someone in-house with marketing experience to work with the agency (a marketing director, the founder)."),
    "raise_budget_or_narrow_scope": ("Augmenter le budget de {gap:money}/mois ou réduire le périmètre : l'option « {option:label:option} » coûte {cost:money}/mois pour {budget:money} de budget.", "Raise the budget by {gap:money}/month or narrow the scope: the {option:label:option} option costs {cost:money}/month against a {budget:money} budget."),
    "cheaper_option_fits": ("L'option « {option:label:option} » ({cost:money}/mois) tient dans le budget.", "The {option:label:option} option ({cost:money}/month) fits the budget."),
    "set_new_deadline": ("L'échéance du {deadline:date} est passée : fixer une nouvelle échéance.", "The {deadline:date} deadline has passed: set a new one."),
    "commission_mix_mission": ("Confier une mission pour trouver le bon dosage entre publications organiques (SMO) et publicité payante (SMA).", "Commission a mission to find the right balance of organic posts (SMO) and paid ads (SMA)."),
    "give_costs": ("Renseigner le coût horaire interne et celui de l'agence pour les comparer.", "Enter the in-house and agency hourly costs to compare them."),
    "track_kpis": ("Définir et suivre des KPIs pour juger les résultats.", "Define and track KPIs to judge the results."),
    "give_hours_per_month": ("Renseigner les heures de travail nécessaires par mois : elles ramènent le forfait de l'agence à un coût horaire comparable au coût interne.", "Enter the hours of work needed per month: they turn the agency's retainer into an hourly cost comparable with the in-house one."),
    "review_in_house_results": ("Après {months:months} sans résultats probants malgré un social media manager efficace, revoir les objectifs et les moyens de l'équipe interne : pour une audience restreinte, l'interne reste la voie indiquée.", "After {months:months} without convincing results despite an effective manager, review the in-house team's objectives and means: for a restricted audience, in-house remains the way to go."),
    # ---- flips
    "flip_constraints_liftable": ("Si les contraintes de l'organisation pouvaient être levées : {verdict:label:verdict_inline}.", "If the organisation's constraints could be lifted: {verdict:label:verdict_inline}."),
    "flip_constraints_not_liftable": ("Si les contraintes de l'organisation ne pouvaient pas être levées : {verdict:label:verdict_inline}.", "If the organisation's constraints could not be lifted: {verdict:label:verdict_inline}."),
    "flip_audience": ("Avec une audience {audience:label:audience} : {verdict:label:verdict_inline}.", "With a {audience:label:audience} audience: {verdict:label:verdict_inline}."),
    "flip_no_capabilities": ("Sans besoin commercial : {verdict:label:verdict_inline}.", "With no commercial need: {verdict:label:verdict_inline}."),
    "flip_drop_capability": ("Sans le besoin « {capability:label:capability} » : {verdict:label:verdict_inline}.", "Without the {capability:label:capability} need: {verdict:label:verdict_inline}."),
    "flip_add_capability": ("Avec en plus le besoin « {capability:label:capability} » : {verdict:label:verdict_inline}.", "Also needing {capability:label:capability}: {verdict:label:verdict_inline}."),
    "flip_speed": ("Avec « {speed:label:speed} » comme vitesse voulue : {verdict:label:verdict_inline}.", "With “{speed:label:speed}” as the wanted speed: {verdict:label:verdict_inline}."),
    "flip_deadline": ("Avec une échéance au {deadline:date} : {verdict:label:verdict_inline}.", "With a {deadline:date} deadline: {verdict:label:verdict_inline}."),
    "flip_no_deadline": ("Sans échéance : {verdict:label:verdict_inline}.", "With no deadline: {verdict:label:verdict_inline}."),
    "flip_objective": ("Avec l'objectif principal « {objective:label:objective} » : {verdict:label:verdict_inline}.", "With {objective:label:objective} as the main objective: {verdict:label:verdict_inline}."),
    "flip_results": ("{results:label:results_flip} : {verdict:label:verdict_inline}.", "{results:label:results_flip}: {verdict:label:verdict_inline}."),
    "flip_manager_checked": ("Une fois l'efficacité du social media manager vérifiée : {verdict:label:verdict_inline}.", "Once the manager's effectiveness is checked: {verdict:label:verdict_inline}."),
    "flip_manager_unchecked": ("Si l'efficacité du social media manager n'était pas vérifiée : {verdict:label:verdict_inline}.", "If the manager's effectiveness were not checked: {verdict:label:verdict_inline}."),
    "flip_months_in_mode": ("Après {months:months} dans le mode actuel : {verdict:label:verdict_inline}.", "After {months:months} in the current mode: {verdict:label:verdict_inline}."),
    "flip_limit_means": ("En choisissant le coût le plus bas : {verdict:label:verdict_inline}.", "Choosing the lowest cost: {verdict:label:verdict_inline}."),
    "flip_no_limit_means": ("En visant la meilleure chance plutôt que le coût le plus bas : {verdict:label:verdict_inline}.", "Aiming for the best chance rather than the lowest cost: {verdict:label:verdict_inline}."),
    "flip_agency_hourly": ("Si l'agence facturait {shown:money}/h (au lieu de {current:money}) : {verdict:label:verdict_inline}.", "If the agency charged {shown:money}/h (instead of {current:money}): {verdict:label:verdict_inline}."),
    "flip_agency_retainer": ("Si le forfait de l'agence était de {shown:money}/mois (au lieu de {current:money}) : {verdict:label:verdict_inline}.", "If the agency's retainer were {shown:money}/month (instead of {current:money}): {verdict:label:verdict_inline}."),
    "flip_in_house_hourly": ("Si le salaire horaire interne était de {shown:money}/h (au lieu de {current:money}/h) : {verdict:label:verdict_inline}.", "If the in-house hourly wage were {shown:money}/h (instead of {current:money}/h): {verdict:label:verdict_inline}."),
    "flip_in_house_salary": ("Si le salaire annuel interne était de {shown:money} (au lieu de {current:money}) : {verdict:label:verdict_inline}.", "If the in-house annual salary were {shown:money} (instead of {current:money}): {verdict:label:verdict_inline}."),
    "flip_agency_hourly_exceeds_budget": ("Si l'agence facturait {shown:money}/h (au lieu de {current:money}), elle dépasserait le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "If the agency charged {shown:money}/h (instead of {current:money}), it would exceed the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_agency_hourly_fits_budget": ("Si l'agence facturait {shown:money}/h (au lieu de {current:money}), elle tiendrait dans le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "If the agency charged {shown:money}/h (instead of {current:money}), it would fit the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_agency_retainer_exceeds_budget": ("Avec un forfait d'agence de {shown:money}/mois (au lieu de {current:money}), au-delà du budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an agency retainer of {shown:money}/month (instead of {current:money}), over the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_agency_retainer_fits_budget": ("Avec un forfait d'agence de {shown:money}/mois (au lieu de {current:money}), dans le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an agency retainer of {shown:money}/month (instead of {current:money}), within the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_in_house_hourly_exceeds_budget": ("Avec un salaire horaire interne de {shown:money}/h (au lieu de {current:money}/h), l'interne dépasserait le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an in-house wage of {shown:money}/h (instead of {current:money}/h), in-house would exceed the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_in_house_hourly_fits_budget": ("Avec un salaire horaire interne de {shown:money}/h (au lieu de {current:money}/h), l'interne tiendrait dans le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an in-house wage of {shown:money}/h (instead of {current:money}/h), in-house would fit the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_in_house_salary_exceeds_budget": ("Avec un salaire annuel interne de {shown:money} (au lieu de {current:money}), l'interne dépasserait le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an in-house salary of {shown:money} (instead of {current:money}), in-house would exceed the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_in_house_salary_fits_budget": ("Avec un salaire annuel interne de {shown:money} (au lieu de {current:money}), l'interne tiendrait dans le budget de {budget:money}/mois : {verdict:label:verdict_inline}.", "With an in-house salary of {shown:money} (instead of {current:money}), in-house would fit the {budget:money}/month budget: {verdict:label:verdict_inline}."),
    "flip_budget": ("Avec un budget de {shown:money}/mois (au lieu de {current:money}) : {verdict:label:verdict_inline}.", "With a {shown:money}/month budget (instead of {current:money}): {verdict:label:verdict_inline}."),
    "flip_progress": ("Avec une progression de {value:pct} vers l'objectif : {verdict:label:verdict_inline}.", "At {value:pct} progress toward the objective: {verdict:label:verdict_inline}."),
    # ---- validation problems
    "problem.required": ("Champ obligatoire.", "Required."),
    "problem.required.limit_means": ("Obligatoire pour le coût le plus bas : la comparaison se fait sur les coûts horaires.", "Required for the lowest cost: the comparison is made on hourly costs."),
    "problem.invalid_type": ("Type attendu : {expected:label:type}.", "Expected {expected:label:type}."),
    "problem.invalid_choice": ("Valeur inconnue ; valeurs possibles : {allowed}.", "Unknown value; allowed: {allowed}."),
    "problem.invalid_date": ("Date invalide ; format AAAA-MM-JJ.", "Invalid date; use YYYY-MM-DD."),
    "problem.invalid_currency": ("Code devise ISO à 3 lettres (EUR, XOF…).", "A 3-letter ISO currency code (EUR, USD…)."),
    "problem.negative": ("Ne peut pas être négatif.", "Cannot be negative."),
    "problem.not_positive": ("Doit être supérieur à zéro.", "Must be greater than zero."),
    "problem.not_finite": ("Doit être un nombre fini.", "Must be a finite number."),
    "problem.out_of_range": ("Hors limites ({min:num} à {max:num}).", "Out of range ({min:num} to {max:num})."),
    "problem.too_many_hours": ("Plus d'heures que la période n'en compte (max {max:num}).", "More hours than the period has (max {max:num})."),
    "problem.one_of": ("Un seul des champs {fields}, pas les deux.", "Only one of {fields}, not both."),
    "problem.unknown_field": ("Champ inconnu.", "Unknown field."),
    # ---- command line
    "cli.problems": ("{count:num} problème(s) dans le profil :", "{count:num} problem(s) in the profile:"),
    # One sentence per problem that names the field (the modals use problem.* beside the field).
    "cli.problem.required": ("`{field}` est obligatoire.", "`{field}` is required."),
    "cli.problem.required.limit_means": ("`{field}` est obligatoire quand `means.limit_means` vaut true : la comparaison se fait sur les coûts horaires.", "`{field}` is required when `means.limit_means` is true: the comparison is made on hourly costs."),
    "cli.problem.invalid_type": ("`{field}` doit être {expected:label:type}.", "`{field}` must be {expected:label:type}."),
    "cli.problem.invalid_type.root": ("Le profil doit être {expected:label:type}.", "The profile must be {expected:label:type}."),
    "cli.problem.invalid_choice": ("`{field}` a une valeur inconnue ; valeurs possibles : {allowed}.", "`{field}` has an unknown value; one of: {allowed}."),
    "cli.problem.invalid_date": ("`{field}` n'est pas une date valide ; format AAAA-MM-JJ.", "`{field}` is not a valid date; use YYYY-MM-DD."),
    "cli.problem.invalid_currency": ("`{field}` doit être un code devise ISO à 3 lettres (EUR, XOF…).", "`{field}` must be a 3-letter ISO currency code (EUR, USD…)."),
    "cli.problem.negative": ("`{field}` ne peut pas être négatif.", "`{field}` cannot be negative."),
    "cli.problem.not_positive": ("`{field}` doit être supérieur à zéro.", "`{field}` must be greater than zero."),
    "cli.problem.not_finite": ("`{field}` doit être un nombre fini.", "`{field}` must be a finite number."),
    "cli.problem.out_of_range": ("`{field}` doit être compris entre {min:num} et {max:num}.", "`{field}` must be between {min:num} and {max:num}."),
    "cli.problem.too_many_hours": ("`{field}` dépasse le nombre d'heures de la période (au plus {max:num}).", "`{field}` exceeds the hours the period has (at most {max:num})."),
    "cli.problem.one_of": ("Un seul des champs {fields} peut être renseigné, pas les deux.", "Only one of {fields} can be given, not both."),
    "cli.problem.unknown_field": ("`{field}` n'est pas un champ connu.", "`{field}` is not a known field."),
    "cli.invalid_json": ("{source} : JSON invalide ligne {line:num}, colonne {column:num} : {message}", "{source}: invalid JSON at line {line:num} column {column:num}: {message}"),
    # What Python's json module reports (its `msg`), said in the chosen language.
    "cli.json.expecting_comma": ("il manque une virgule (,) ou une fermeture }} ou ]", "a comma (,) or a closing }} or ] is missing"),
    "cli.json.expecting_colon": ("il manque le deux-points après le nom de la propriété", "a colon (:) is missing after the property name"),
    "cli.json.expecting_value": ("une valeur est attendue ici (une chaîne entre guillemets droits, un nombre, true, false, null, [...] ou {{...}})", "a value is expected here (a string in double quotes, a number, true, false, null, [...] or {{...}})"),
    "cli.json.expecting_property_name": ("un nom de propriété entre guillemets droits est attendu (\"nom\", sans virgule avant la }})", "a property name in double quotes is expected (\"name\", and no comma before the }})"),
    "cli.json.unterminated_string": ("la chaîne ouverte ici ne se termine jamais (guillemet \" fermant manquant)", "the string opened here never ends (a closing \" is missing)"),
    "cli.json.control_character": ("caractère de contrôle (retour à la ligne, tabulation) dans une chaîne : écrire \\n ou \\t", "a control character (line break, tab) inside a string: write \\n or \\t"),
    "cli.json.invalid_escape": ("échappement invalide dans une chaîne (après \\ : \" \\ / b f n r t ou u seulement)", "an invalid escape inside a string (after \\ only \" \\ / b f n r t or u)"),
    "cli.json.invalid_unicode_escape": ("échappement \\uXXXX invalide : quatre chiffres hexadécimaux attendus", "an invalid \\uXXXX escape: four hexadecimal digits expected"),
    "cli.json.extra_data": ("données en trop après la fin de la valeur JSON (un seul profil par entrée)", "extra data after the end of the JSON value (one profile per input)"),
    "cli.json.trailing_comma": ("une virgule avant une fermeture }} ou ] n'est pas permise", "a comma before a closing }} or ] is not allowed"),
    "cli.json.bom": ("le texte commence par une marque d'ordre des octets (BOM)", "the text starts with a byte-order mark (BOM)"),
    "cli.json.syntax_error": ("erreur de syntaxe", "syntax error"),
    "cli.cannot_read": ("impossible de lire {source} : {message}", "cannot read {source}: {message}"),
    "cli.read.not_found": ("fichier introuvable", "no such file"),
    "cli.read.permission": ("accès refusé", "permission denied"),
    "cli.read.directory": ("c'est un dossier, pas un fichier", "it is a directory, not a file"),
    "cli.read.not_directory": ("un élément du chemin n'est pas un dossier", "a part of the path is not a directory"),
    "cli.read.other": ("erreur système {error}", "system error {error}"),
    "cli.not_utf8": ("{source} : le texte n'est pas en UTF-8 (ligne {line:num}) ; l'enregistrer en UTF-8", "{source}: the text is not UTF-8 (line {line:num}); save it as UTF-8"),
    "cli.too_deep": ("{source} : JSON trop imbriqué pour être lu", "{source}: JSON nested too deeply to be read"),
    "cli.invalid_number": ("{source} : un nombre a trop de chiffres pour être lu (au plus {limit:num})", "{source}: a number has too many digits to be read (at most {limit:num})"),
}  # fmt: skip

_SYMBOL = {"EUR": "€", "USD": "$", "GBP": "£", "XOF": "FCFA", "XAF": "FCFA", "CHF": "CHF"}
_NNBSP = "\u202f"  # French thousands separator (narrow no-break space)
_NBSP = "\u00a0"


def format_number(x: float, lang: str, decimals: int | None = None) -> str:
    """A plain number: "1 234,5" in French, "1,234.5" in English; whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if math.isclose(x, round(x), abs_tol=1e-9) else 2
    s = f"{x:,.{decimals}f}"
    if decimals and "." in s:
        s = s.rstrip("0").rstrip(".") if decimals > 2 else s
    if lang == "fr":
        return s.replace(",", _NNBSP).replace(".", ",")
    return s


def display_amount(amount: float) -> float:
    """An amount as a person reads it: whole units from 100 up, cents below (€28.28/h, €3,200).

    Rounded to the cent first, as the JSON stores it, so a frozen copy reads the same."""
    cents = round(amount, 2)
    return float(round(cents)) if abs(cents) >= 100.0 else cents


def display_ratio(x: float) -> float:
    """A score as `--explain` shows it: two decimals of the four the JSON keeps."""
    return round(round(x, 4), 2)


def format_money(amount: float, currency: str, lang: str) -> str:
    """Money the simple way: "1 200 €" in French, "€1,200" in English; cents only on amounts
    under 100 that have them (the JSON keeps every cent)."""
    number = format_number(abs(display_amount(amount)), lang)
    sign = "-" if amount < 0 else ""
    symbol = _SYMBOL.get(currency, currency)
    if lang == "fr":
        return f"{sign}{number}{_NBSP}{symbol}"
    if symbol in ("€", "$", "£"):
        return f"{sign}{symbol}{number}"
    return f"{sign}{number}{_NBSP}{symbol}"


# CLDR's abbreviated month names: dates read as the bot's Babel medium format ("Mar 2, 2027",
# "2 mars 2027"), which the core cannot import.
_MONTHS = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin")
    + ("juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def format_date(d: date, lang: str) -> str:
    """A date in the locale's medium format: "2 mars 2027", "Mar 2, 2027"."""
    month = _MONTHS[lang][d.month - 1]
    return f"{d.day} {month} {d.year}" if lang == "fr" else f"{month} {d.day}, {d.year}"


def _format_date(value: str, lang: str) -> str:
    try:
        d = date.fromisoformat(value)
    except ValueError:
        return value
    return format_date(d, lang)


def format_months(months: float, lang: str) -> str:
    """A duration in whole months ("6 months", "1 month", "6 mois"); a part month counts as one."""
    n = max(1, round(months)) if months > 0 else 0
    if lang == "fr":
        return f"{n}{_NBSP}mois"
    return f"{n} month" if n == 1 else f"{n} months"


class _Formatter(string.Formatter):
    def __init__(self, lang: str, params: Mapping[str, Param]) -> None:
        self.lang = lang
        self.params = params

    def format_field(self, value: object, format_spec: str) -> str:
        lang = self.lang
        if format_spec == "money" and isinstance(value, int | float):
            return format_money(float(value), str(self.params.get("currency", "EUR")), lang)
        if format_spec == "factor" and isinstance(value, int | float):
            digits = f"{float(value):.2f}".rstrip("0").rstrip(".")
            return digits.replace(".", ",") if lang == "fr" else digits
        if format_spec == "num" and isinstance(value, int | float):
            return format_number(float(value), lang)
        if format_spec == "pct" and isinstance(value, int | float):
            pct = format_number(float(value) * 100.0, lang)
            return f"{pct}{_NBSP}%" if lang == "fr" else f"{pct}%"
        if format_spec == "months" and isinstance(value, int | float):
            return format_months(float(value), lang)
        if format_spec == "date":
            return _format_date(str(value), lang)
        if format_spec.startswith("label:"):
            code = f"{format_spec[6:]}.{value}"
            return text(code, lang) if code in TEXTS else str(value)
        if format_spec.startswith("labels:"):
            ns = format_spec[7:]
            return ", ".join(text(f"{ns}.{v}", lang) for v in str(value).split(",") if v)
        return str(value) if format_spec == "" else format(value, format_spec)


def text(code: str, lang: str, **params: Param) -> str:
    """The text of a code in "fr" or "en", with its parameters filled in."""
    because = params.get("because")
    if because is not None and f"{code}.{because}" in TEXTS:
        # A variant that says why, e.g. "problem.required.limit_means".
        code = f"{code}.{because}"
    template = TEXTS[code][LANGS.index(lang)]
    return _Formatter(lang, params).vformat(template, (), params)


def placeholders(template: str) -> frozenset[tuple[str, str]]:
    """(name, spec) of every placeholder of a template (for the catalogue's own tests)."""
    return frozenset(
        (name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name
    )


def explain(rec: Recommendation, lang: str) -> str:
    """A readable explanation of a recommendation, in French or English: the deciding rule
    first, why this verdict, what pulls the other way, costs, every flip, next steps."""
    t = text
    colon = "\u00a0:" if lang == "fr" else ":"
    currency = rec.costs.currency
    label = t(f"confidence.{rec.confidence_label.value}", lang)
    lines = [
        f"{t('heading.recommendation', lang)}{colon} {t(f'verdict.{rec.verdict.value}', lang)}"
        f" ({t('heading.confidence', lang)} {label}, {format_number(rec.confidence, lang, 2)})",
    ]
    why = list(rec.top_reasons)
    if rec.rules_fired and why:
        deciding = why.pop(0)
        lines += [
            "",
            f"{t('heading.decided_by', lang)}{colon} {t(deciding.code, lang, **dict(deciding.params))}",
        ]
    if why:
        lines += ["", f"{t(f'heading.why.{rec.verdict.value}', lang)}{colon}"]
        lines += [f"- {t(r.code, lang, **dict(r.params))}" for r in why]
    if rec.against:
        lines += ["", f"{t('heading.against', lang)}{colon}"]
        lines += [f"- {t(r.code, lang, **dict(r.params))}" for r in rec.against]
    lines += ["", t("heading.score", lang, score=display_ratio(rec.score))]
    if len(rec.rules_fired) > 1:  # the deciding one is on top; the others also held
        rules = ", ".join(t(f"rule.{r}", lang) for r in rec.rules_fired)
        lines += [f"{t('heading.rules', lang)}{colon} {rules}"]
    lines += [f"{t('heading.contributions', lang)}{colon}"]
    for c in rec.contributions:
        term = display_ratio(c.value)
        value = format_number(term, lang, 2)
        sign = "+" if term > 0 else ""
        reason = t(c.reason.code, lang, **dict(c.reason.params))
        lines.append(f"- {t(f'factor.{c.factor}', lang)}{colon} {sign}{value} — {reason}")
    costs = rec.costs
    heading = t("heading.costs", lang)
    if costs.budget_monthly is not None:
        heading += f" ({t('heading.budget', lang, budget=costs.budget_monthly, currency=currency)})"
    lines += ["", f"{heading}{colon}"]
    for v in (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY):
        cost = costs.monthly(v)
        shown = t("cost.unknown", lang) if cost is None else format_money(cost, currency, lang)
        if costs.within_budget(v) is False:
            shown += f" ({t('cost.over_budget', lang)})"
        marker = " ←" if v is rec.verdict else ""
        lines.append(f"- {t(f'verdict.{v.value}', lang)}{colon} {shown}{marker}")
    flips = (*rec.flips, *rec.other_flips)
    if flips:
        lines += ["", f"{t('heading.flips', lang)}{colon}"]
        lines += [f"- {t(f.code, lang, **dict(f.params))}" for f in flips]
    if rec.actions:
        lines += ["", f"{t('heading.actions', lang)}{colon}"]
        lines += [f"- {t(a.code, lang, **dict(a.params))}" for a in rec.actions]
    return "\n".join(lines) + "\n"
