package dev.promptly.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code template.yaml} as CloudFormation would deploy it with the given parameter values into account
 * {@link AwsAccessRecorder#ACCOUNT}, region {@link AwsAccessRecorder#REGION}: conditions evaluated and the
 * intrinsic functions the template uses ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::If},
 * {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Not}, {@code Fn::Equals}, {@code Fn::Select}) resolved to
 * strings. Resources are given physical names the test chooses ({@code names}). An intrinsic function this
 * class does not know fails, so the test is extended before the template relies on it.
 */
final class DeployedTemplate {
    /** The value of {@code !Ref AWS::NoValue}: the property or list element is left out. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> template;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> names;
    private final String stackName;

    /**
     * @param values parameter values; the others take their Default
     * @param names  the physical names of resources (a table's name, a bucket's, a queue's)
     */
    @SuppressWarnings("unchecked")
    DeployedTemplate(Map<String, Object> template, String stackName, Map<String, String> values, Map<String, String> names) {
        this.template = template;
        this.stackName = stackName;
        this.names = names;
        ((Map<String, Object>) template.getOrDefault("Parameters", Map.of())).forEach((name, p) -> {
            Map<String, Object> parameter = (Map<String, Object>) p;
            String value = values.containsKey(name) ? values.get(name) : parameter.get("Default") == null ? null : String.valueOf(parameter.get("Default"));
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no Default; the test must give it a value");
            }
            parameters.put(name, "CommaDelimitedList".equals(parameter.get("Type")) ? List.of(value.split(",", -1)) : value);
        });
        values.keySet().forEach(v -> {
            if (!parameters.containsKey(v)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + v);
            }
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) ((Map<String, Object>) template.get("Resources")).get(logicalId);
    }

    /** Whether a resource exists in this deployment (its Condition, if any, holds). */
    boolean exists(String logicalId) {
        Object condition = resource(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    @SuppressWarnings("unchecked")
    boolean condition(String name) {
        Object definition = ((Map<String, Object>) template.getOrDefault("Conditions", Map.of())).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(definition);
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object node) {
        Map<String, Object> function = (Map<String, Object>) node;
        var entry = function.entrySet().iterator().next();
        List<Object> args = entry.getValue() instanceof List<?> l ? (List<Object>) l : List.of(entry.getValue());
        return switch (entry.getKey()) {
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            // "!Condition X" in YAML short form, {"Condition": "X"} in long form.
            case "Condition", "Fn::Condition" -> condition(String.valueOf(entry.getValue()));
            default -> throw new IllegalArgumentException("condition function " + entry.getKey() + " is not supported; extend DeployedTemplate");
        };
    }

    /** The value CloudFormation would give {@code node}: a String, a List, a Map, or {@link #NO_VALUE}. */
    @SuppressWarnings("unchecked")
    Object resolve(Object node) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                Object value = resolve(element);
                if (value != NO_VALUE) {
                    out.add(value);
                }
            }
            return out;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node == null ? null : String.valueOf(node);
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, arg);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> {
            Object value = resolve(v);
            if (value != NO_VALUE) {
                out.put(k, value);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object function(String name, Object arg) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(arg));
            case "Fn::GetAtt" -> {
                String[] parts = arg instanceof List<?> l ? new String[] {String.valueOf(l.get(0)), String.valueOf(l.get(1))}
                        : String.valueOf(arg).split("\\.", 2);
                yield attribute(parts[0], parts[1]);
            }
            case "Fn::Sub" -> {
                if (arg instanceof List<?> l) {
                    Map<String, Object> variables = (Map<String, Object>) resolve(l.get(1));
                    yield sub(String.valueOf(l.get(0)), variables);
                }
                yield sub(String.valueOf(arg), Map.of());
            }
            case "Fn::If" -> {
                List<Object> l = (List<Object>) arg;
                yield resolve(condition(String.valueOf(l.get(0))) ? l.get(1) : l.get(2));
            }
            case "Fn::Join" -> {
                List<Object> l = (List<Object>) arg;
                List<Object> values = (List<Object>) resolve(l.get(1));
                yield String.join(String.valueOf(l.get(0)), values.stream().map(String::valueOf).toList());
            }
            case "Fn::Split" -> {
                List<Object> l = (List<Object>) arg;
                yield List.of(String.valueOf(resolve(l.get(1))).split(Pattern.quote(String.valueOf(l.get(0))), -1));
            }
            case "Fn::Select" -> {
                List<Object> l = (List<Object>) arg;
                yield ((List<Object>) resolve(l.get(1))).get(Integer.parseInt(String.valueOf(resolve(l.get(0)))));
            }
            default -> throw new IllegalArgumentException("intrinsic function " + name + " is not supported; extend DeployedTemplate");
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Partition" -> "aws";
            case "AWS::Region" -> AwsAccessRecorder.REGION;
            case "AWS::AccountId" -> AwsAccessRecorder.ACCOUNT;
            case "AWS::StackName" -> stackName;
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                if (parameters.containsKey(name)) {
                    yield parameters.get(name);
                }
                if (name.endsWith(".Alias")) {
                    yield "alias:" + name;
                }
                yield physicalName(name);
            }
        };
    }

    private String physicalName(String logicalId) {
        if (resource(logicalId) == null) {
            throw new IllegalArgumentException("!Ref " + logicalId + ": no such parameter or resource");
        }
        return names.getOrDefault(logicalId, logicalId.toLowerCase());
    }

    private Object attribute(String logicalId, String attribute) {
        Map<String, Object> resource = resource(logicalId);
        String type = resource == null ? "" : String.valueOf(resource.get("Type"));
        String name = resource == null ? logicalId : physicalName(logicalId);
        String prefix = AwsAccessRecorder.REGION + ":" + AwsAccessRecorder.ACCOUNT;
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + prefix + ":table/" + name;
            case "AWS::DynamoDB::Table.StreamArn" -> "arn:aws:dynamodb:" + prefix + ":table/" + name + "/stream/2026-01-01T00:00:00.000";
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + prefix + ":" + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name;
            default -> "getatt:" + logicalId + "." + attribute;
        };
    }

    private String sub(String text, Map<String, Object> variables) {
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            Object value;
            if (variables.containsKey(variable)) {
                value = variables.get(variable);
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                value = attribute(parts[0], parts[1]);
            } else {
                value = ref(variable);
            }
            if (value instanceof List<?>) {
                throw new IllegalArgumentException("${" + variable + "} in !Sub is a list");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
