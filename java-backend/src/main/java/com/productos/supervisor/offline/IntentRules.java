package com.productos.supervisor.offline;

import com.productos.json.Json;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline planner's rules: each reads an intent from the words, fills the tool's slots from the
 * words and from what the conversation already produced, and asks when a required slot is missing.
 * Rules are tried in order; the first that recognises the message decides.
 */
final class IntentRules {
    static final String SAMPLE_SERVICE = "sample-service";
    static final String SAMPLE_REPO = "test-fixtures/sample-service";
    static final int DEFAULT_RANGE_DAYS = 30;
    static final String CAPABILITIES =
            "I can deploy a service (\"deploy the sample service\"), check it (\"how is web doing\"),"
                    + " show its logs, roll it back, run a funnel (\"funnel visit > signup > activate for the last 30 days\"),"
                    + " find what drives a metric (\"why do users upgrade?\"), save that as an insight, write posts"
                    + " (\"write posts for x and linkedin about it\") and publish them (\"publish them tomorrow at 9\").";

    private static final Pattern SKIP_APPROVAL =
            Pattern.compile("\\b(skip|bypass|override|ignore|without)\\b.*\\bapprov");
    private static final Pattern HELP =
            Pattern.compile("^(help|hi|hello|hey)\\b|what can you do|what do you do|\\bwhat are your tools\\b");
    private static final Pattern ROLLBACK = Pattern.compile("\\b(roll ?back|revert|undo the (?:last )?deploy)");
    private static final Pattern DEPLOY = Pattern.compile("\\b(deploy|redeploy|ship|release|roll out|launch)\\b");
    private static final Pattern LOGS = Pattern.compile("\\blogs?\\b|\\blog lines\\b");
    private static final Pattern STATUS = Pattern.compile(
            "\\bhow(?: is|'s) (?:the )?([a-z][a-z0-9-]*)(?: service)? (?:doing|going|holding up)"
                    + "|\\bstatus\\b|\\bis (?:the )?([a-z][a-z0-9-]*)(?: service)? (?:up|down|healthy|running|ok)\\b|\\bhealth of\\b|\\bcheck on\\b");
    private static final Pattern FUNNEL = Pattern.compile("\\bfunnel\\b|>|→|\\bconversion from\\b");
    private static final Pattern DRIVERS =
            Pattern.compile("\\bwhy do(?:es)? (?:our |the |my )?(?:users?|people|customers?|teams?|accounts?) (\\w+)"
                    + "|\\bwhat (?:drives|makes people|makes users|leads to|predicts) (?:users? |people )?(\\w+)"
                    + "|\\b(?:top )?drivers? (?:of|for|behind) (\\w+)");
    private static final Pattern SAVE_INSIGHT =
            Pattern.compile("\\b(save|store|record|keep|write down|log)\\b.*\\b(insight|that|this|finding)\\b");
    private static final Pattern POSTS = Pattern.compile(
            "\\b(write|draft|create|generate|make|compose|prepare)\\b.*\\b(posts?|tweets?|copy|updates?|announcements?)\\b");
    private static final Pattern PUBLISH =
            Pattern.compile("\\b(publish|post|schedule|send out|put out|go live with)\\b");
    private static final Pattern CAMPAIGN_STATUS = Pattern.compile(
            "\\bcampaign\\b.*\\b(status|doing|going|did)\\b|\\bhow did (?:the |our )?(?:posts|campaign)\\b|\\bwere they published\\b");
    private static final Pattern BRAND =
            Pattern.compile("\\bbrand\\b.*\\b(profile|voice)\\b|\\bshow (?:me )?(?:the |our )?brand\\b");
    private static final Pattern DRAFTS = Pattern.compile("\\b(list|show)\\b.*\\bdrafts\\b|^drafts$");
    private static final Pattern AS_IT = Pattern.compile("\\babout (?:it|that|this|the insight|them)\\b");
    private static final Pattern ABOUT = Pattern.compile("\\babout (.+)$");

    private final ScheduleSlot schedule;

    IntentRules(ScheduleSlot schedule) {
        this.schedule = schedule;
    }

    PlannerStep plan(String original, PlannerMemory memory) {
        String text = TextSlots.normalize(original);
        if (SKIP_APPROVAL.matcher(text).find()) {
            return new PlannerStep.Say("I cannot skip or override approvals: policy decides which calls need a person,"
                    + " and a person decides them in the Approvals view or with `productos approvals approve`.");
        }
        if (HELP.matcher(text).find()) return new PlannerStep.Say(CAPABILITIES);
        if (SAVE_INSIGHT.matcher(text).find() && text.contains("insight")
                || text.matches(".*\\bsave (?:that|this)\\b.*")) {
            return saveInsight(memory);
        }
        if (POSTS.matcher(text).find()) return posts(text, memory);
        if (ROLLBACK.matcher(text).find()) return rollback(text, memory);
        if (LOGS.matcher(text).find()) return logs(text, memory);
        if (DEPLOY.matcher(text).find()) return deploy(text, memory);
        if (CAMPAIGN_STATUS.matcher(text).find()) return campaignStatus(memory);
        if (PUBLISH.matcher(text).find()) return publish(text, memory);
        Matcher drivers = DRIVERS.matcher(text);
        if (drivers.find()) return drivers(text, firstGroup(drivers));
        if (FUNNEL.matcher(text).find()) return funnel(text);
        Matcher status = STATUS.matcher(text);
        if (status.find()) return status(text, Optional.ofNullable(firstGroup(status)), memory);
        if (BRAND.matcher(text).find()) {
            return new PlannerStep.Call(
                    "brand.get_profile", Json.object().put("profile_id", "default"), "Reading the brand profile.");
        }
        if (DRAFTS.matcher(text).find()) {
            return new PlannerStep.Call(
                    "marketing.list_drafts", Json.object().put("limit", 20), "Listing the campaign drafts.");
        }
        return new PlannerStep.Say("I did not understand \"" + original.strip() + "\". " + CAPABILITIES);
    }

    private PlannerStep deploy(String text, PlannerMemory memory) {
        boolean sample = text.contains("sample");
        Optional<String> named = sample
                ? Optional.of(SAMPLE_SERVICE)
                : TextSlots.name(
                        text,
                        Pattern.compile(
                                "\\b(?:deploy|redeploy|ship|release|roll out|launch) (?:the )?(?:new )?(?:version of )?([a-z][a-z0-9-]*)"),
                        Pattern.compile("\\bservice ([a-z][a-z0-9-]*)"));
        Optional<PlannerMemory.Outcome> earlier = memory.latest("cloudrun.deploy_service");
        String service = named.or(memory::latestService).orElse(null);
        if (service == null) {
            return new PlannerStep.Say("Which service should I deploy? For example \"deploy the sample service\" or"
                    + " \"deploy web from https://github.com/acme/web\".");
        }
        Matcher from = Pattern.compile("\\bfrom (\\S+)").matcher(text);
        String repo = from.find() ? from.group(1) : null;
        if (repo == null
                && earlier.isPresent()
                && service.equals(earlier.get().input().path("service_name").asString(""))) {
            repo = earlier.get().input().path("repo").asString(null);
        }
        if (repo == null && service.equals(SAMPLE_SERVICE)) repo = SAMPLE_REPO;
        if (repo == null) {
            return new PlannerStep.Say(
                    "Which repository should I deploy " + service + " from? Say for example \"deploy " + service
                            + " from https://github.com/acme/" + service + "\".");
        }
        Matcher ref =
                Pattern.compile("\\b(?:at|ref|branch|tag|commit) ([\\w./-]+)").matcher(text);
        String env = TextSlots.environment(text);
        ObjectNode input = Json.object()
                .put("service_name", service)
                .put("repo", repo)
                .put("ref", ref.find() ? ref.group(1) : "main")
                .put("env", env)
                .put("region", TextSlots.region(text));
        return new PlannerStep.Call(
                "cloudrun.deploy_service",
                input,
                "Deploying " + service + " to " + env
                        + (env.equals("prod") ? " (production deploys wait for a person's approval)" : "") + ".");
    }

    private PlannerStep rollback(String text, PlannerMemory memory) {
        Optional<String> service = TextSlots.name(
                        text,
                        Pattern.compile("\\b(?:roll ?back|revert) (?:the )?([a-z][a-z0-9-]*)"),
                        Pattern.compile("\\bservice ([a-z][a-z0-9-]*)"))
                .map(name -> name.equals("sample") ? SAMPLE_SERVICE : name)
                .or(() -> text.contains("sample") ? Optional.of(SAMPLE_SERVICE) : Optional.empty())
                .or(memory::latestService);
        if (service.isEmpty()) return new PlannerStep.Say("Which service should I roll back?");
        ObjectNode input = Json.object()
                .put("service_name", service.get())
                .put("region", TextSlots.region(text))
                .put("env", TextSlots.environment(text));
        Matcher revision =
                Pattern.compile("\\bto (?:revision )?([a-z][a-z0-9-]*-\\d+)").matcher(text);
        if (revision.find()) input.put("target_revision", revision.group(1));
        return new PlannerStep.Call(
                "cloudrun.rollback_service",
                input,
                "Rolling " + service.get() + " back to "
                        + input.path("target_revision").asString("its previous revision") + ".");
    }

    private PlannerStep status(String text, Optional<String> fromPattern, PlannerMemory memory) {
        Optional<String> service = fromPattern
                .filter(name -> !TextSlots.NOT_A_NAME.contains(name) && !name.equals("everything"))
                .or(() -> TextSlots.name(
                        text,
                        Pattern.compile("\\bstatus of (?:the )?([a-z][a-z0-9-]*)"),
                        Pattern.compile("\\b([a-z][a-z0-9-]*) status\\b"),
                        Pattern.compile("\\bcheck on (?:the )?([a-z][a-z0-9-]*)"),
                        Pattern.compile("\\bhealth of (?:the )?([a-z][a-z0-9-]*)")))
                .map(name -> name.equals("sample") ? SAMPLE_SERVICE : name)
                .or(memory::latestService);
        if (service.isEmpty())
            return new PlannerStep.Say("Which service should I check? For example \"how is web doing\".");
        return new PlannerStep.Call(
                "cloudrun.get_service_status",
                Json.object().put("service_name", service.get()).put("region", TextSlots.region(text)),
                "Checking " + service.get() + ".");
    }

    private PlannerStep logs(String text, PlannerMemory memory) {
        int limit = Math.min(TextSlots.lineCount(text).orElse(50), 2000);
        Matcher run = Pattern.compile("\\b(run-[a-z0-9-]+)").matcher(text);
        if (run.find()) {
            return new PlannerStep.Call(
                    "logs.tail",
                    Json.object()
                            .put("scope", "run")
                            .put("run_id", run.group(1))
                            .put("limit", limit),
                    "Showing the log of " + run.group(1) + ".");
        }
        Optional<String> service = TextSlots.name(
                        text,
                        Pattern.compile("\\blogs? (?:of|for|from) (?:the )?([a-z][a-z0-9-]*)"),
                        Pattern.compile("\\b([a-z][a-z0-9-]*)(?:'s)? logs?\\b"))
                .map(name -> name.equals("sample") ? SAMPLE_SERVICE : name)
                .or(memory::latestService);
        if (service.isEmpty())
            return new PlannerStep.Say(
                    "Whose logs should I show? Name a service, for example \"show me the logs of web\".");
        ObjectNode input = Json.object()
                .put("scope", "service")
                .put("service_name", service.get())
                .put("limit", limit);
        TextSlots.sinceSeconds(text).ifPresent(seconds -> input.put("since_seconds", Math.min(seconds, 86400)));
        return new PlannerStep.Call(
                "logs.tail", input, "Showing the last " + limit + " log lines of " + service.get() + ".");
    }

    private PlannerStep funnel(String text) {
        String body = text.replaceFirst(".*?\\bfunnel\\b(?: (?:of|for|from))?", "")
                .replaceAll("\\b(?:for|over|in|during) (?:the )?(?:last|past|previous).*$", "")
                .replaceAll("\\b(?:last|past|this) (?:\\d+ days?|week|month|quarter|year).*$", "");
        String[] parts =
                body.contains(">") || body.contains("→") ? body.split(">|→") : body.split(",|\\bthen\\b|\\bto\\b");
        List<String> steps = new ArrayList<>();
        for (String part : parts) {
            String step = part.trim().replaceAll("[^a-z0-9_ -]", "").trim().replace(' ', '_');
            if (!step.isEmpty()) steps.add(step.equals("sign_up") ? "signup" : step);
        }
        if (steps.size() < 2) {
            return new PlannerStep.Say(
                    "Which steps should the funnel have? Give at least two events in order, for example"
                            + " \"funnel visit > signup > activate for the last 30 days\".");
        }
        Optional<Integer> days = TextSlots.rangeDays(text);
        int range = days.orElse(DEFAULT_RANGE_DAYS);
        ObjectNode input = Json.object().put("range_days", range);
        ObjectNode funnel = input.putObject("funnel").put("name", String.join(" > ", steps));
        ArrayNode stepArray = funnel.putArray("steps");
        for (String step : steps) stepArray.addObject().put("event_name", step);
        return new PlannerStep.Call(
                "analytics.funnel_summary",
                input,
                "Running the funnel " + String.join(" > ", steps) + " for the last " + range + " days"
                        + (days.isEmpty() ? " (say another range if you want one)" : "") + ".");
    }

    private PlannerStep drivers(String text, String verb) {
        String event = switch (verb == null ? "" : verb) {
            case "upgrade",
                    "upgrades",
                    "pay",
                    "pays",
                    "buy",
                    "buys",
                    "purchase",
                    "purchases",
                    "convert",
                    "converts",
                    "subscribe" -> "purchase";
            case "sign", "signup", "signups", "register", "join" -> "signup";
            case "activate", "activates", "activation" -> "activate";
            case "invite", "invites" -> "invite_teammate";
            case "" -> null;
            default -> verb;
        };
        if (event == null)
            return new PlannerStep.Say("Which outcome should I explain? For example \"why do users upgrade?\".");
        int range = TextSlots.rangeDays(text).orElse(DEFAULT_RANGE_DAYS);
        ObjectNode input = Json.object().put("range_days", range);
        input.putObject("target").put("metric", event).put("event_name", event);
        return new PlannerStep.Call(
                "analytics.top_drivers",
                input,
                "Looking for what drives " + event + " over the last " + range + " days.");
    }

    private PlannerStep saveInsight(PlannerMemory memory) {
        Optional<String> analysis = memory.latestAnalysis();
        if (analysis.isEmpty()) {
            return new PlannerStep.Say(
                    "Save what as an insight? Run a funnel or ask what drives a metric first, then say \"save that as an insight\".");
        }
        PlannerMemory.Outcome outcome = memory.latest(analysis.get()).orElseThrow();
        ObjectNode insight = analysis.get().equals("analytics.funnel_summary")
                ? InsightDrafts.fromFunnel(outcome)
                : InsightDrafts.fromDrivers(outcome);
        ObjectNode input = Json.object();
        input.set("insight", insight);
        return new PlannerStep.Call(
                "analytics.write_insight",
                input,
                "Saving the insight \"" + insight.path("title").asString() + "\".");
    }

    private PlannerStep posts(String text, PlannerMemory memory) {
        List<String> channels = TextSlots.channels(text);
        if (channels.isEmpty())
            return new PlannerStep.Say("For which channels? For example \"write posts for x and linkedin about it\".");
        ObjectNode brief = Json.object();
        Optional<PlannerMemory.Outcome> insight = memory.latest("analytics.write_insight");
        Matcher about = ABOUT.matcher(text);
        boolean refersBack = AS_IT.matcher(text).find() || !about.find();
        if (refersBack) {
            if (insight.isEmpty()) {
                return new PlannerStep.Say(
                        "What should the posts be about? Save an insight first, or say \"write posts for "
                                + String.join(" and ", channels) + " about our new invite button\".");
            }
            JsonNode saved = insight.get().input().path("insight");
            brief.put("goal", "act on: " + saved.path("title").asString("our latest insight"));
            ArrayNode points = brief.put("product", "our product")
                    .put("audience", "our users")
                    .putArray("key_points");
            points.add(saved.path("summary").asString(saved.path("title").asString("")));
            for (JsonNode recommendation : saved.path("recommendations"))
                points.add(recommendation.path("action").asString());
        } else {
            String topic = about.group(1).replaceAll("[.!?]+$", "").trim();
            brief.put("goal", "tell people about " + topic)
                    .put("product", "our product")
                    .put("audience", "our users");
            brief.putArray("key_points").add(topic);
        }
        ObjectNode input = Json.object().put("brand_profile_id", "default").put("variations_per_channel", 1);
        input.set("brief", brief);
        ArrayNode channelArray = input.putArray("channels");
        channels.forEach(channelArray::add);
        return new PlannerStep.Call(
                "marketing.generate_channel_posts", input, "Writing posts for " + String.join(" and ", channels) + ".");
    }

    private PlannerStep publish(String text, PlannerMemory memory) {
        Optional<PlannerMemory.Outcome> posts = memory.latest("marketing.generate_channel_posts");
        if (posts.isEmpty())
            return new PlannerStep.Say(
                    "Publish what? Ask me to write posts first, for example \"write posts for x about it\".");
        Optional<ScheduleSlot.When> when = schedule.read(text);
        if (when.isEmpty())
            return new PlannerStep.Say("When should I publish them? Say \"now\", or a time such as \"tomorrow at 9\".");
        ObjectNode input = Json.object();
        ObjectNode campaign = input.putObject("campaign");
        campaign.put("name", posts.get().input().path("brief").path("goal").asString("campaign"));
        ArrayNode postArray = campaign.putArray("posts");
        for (JsonNode channel : posts.get().output().path("channels")) {
            JsonNode first = channel.path("posts").path(0);
            if (first.isObject())
                postArray
                        .addObject()
                        .put("channel", channel.path("channel").asString())
                        .put("text", first.path("text").asString());
        }
        if (postArray.isEmpty())
            return new PlannerStep.Say(
                    "The last posts came back empty, so there is nothing to publish; ask me to write them again.");
        ObjectNode scheduleNode = input.putObject("schedule");
        String whenText;
        if (when.get() instanceof ScheduleSlot.At at) {
            scheduleNode
                    .put("mode", "scheduled")
                    .put("start_time", at.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .put("timezone", at.time().getZone().getId());
            whenText =
                    "for " + at.time().format(DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", java.util.Locale.ROOT));
        } else {
            scheduleNode.put("mode", "now");
            whenText = "now";
        }
        return new PlannerStep.Call(
                "marketing.publish_missinglettr",
                input,
                "Publishing " + postArray.size() + " post(s) " + whenText
                        + "; publishing waits for a person's approval.");
    }

    private PlannerStep campaignStatus(PlannerMemory memory) {
        Optional<PlannerMemory.Outcome> published = memory.latest("marketing.publish_missinglettr");
        if (published.isEmpty())
            return new PlannerStep.Say("Which campaign? Nothing was published in this conversation yet.");
        String id = published.get().output().path("campaign_id").asString();
        return new PlannerStep.Call(
                "marketing.get_campaign_status", Json.object().put("campaign_id", id), "Checking campaign " + id + ".");
    }

    private static String firstGroup(Matcher matcher) {
        for (int i = 1; i <= matcher.groupCount(); i++) {
            if (matcher.group(i) != null) return matcher.group(i);
        }
        return null;
    }
}
