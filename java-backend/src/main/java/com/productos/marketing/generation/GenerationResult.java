package com.productos.marketing.generation;

import java.util.List;

/** Posts per channel in request order, and warnings a person should read (dropped claims, unfit disclaimers). */
public record GenerationResult(List<ChannelPosts> channels, List<String> warnings) {
    public GenerationResult {
        channels = List.copyOf(channels);
        warnings = List.copyOf(warnings);
    }
}
