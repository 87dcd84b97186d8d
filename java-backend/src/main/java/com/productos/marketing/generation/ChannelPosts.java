package com.productos.marketing.generation;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.SocialPost;
import java.util.List;

/** The variations generated for one channel. */
public record ChannelPosts(Channel channel, List<SocialPost> posts) {
    public ChannelPosts {
        posts = List.copyOf(posts);
    }
}
